using Bot.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Posts;

internal sealed class TeamReviewSettingsConfiguration : IEntityTypeConfiguration<TeamReviewSettings>
{
    public void Configure(EntityTypeBuilder<TeamReviewSettings> settings)
    {
        settings.ToTable("TeamReviewSettings");
        settings.HasKey(s => s.TeamId);
        settings.Property(s => s.TeamId).HasMaxLength(512);
        settings.Property(s => s.UpdatedByAadObjectId).HasMaxLength(64);
        settings.Property(s => s.Policy)
            .HasColumnName("PolicyJson")
            .HasConversion(
                policy => ReviewPolicyJson.Serialize(policy),
                json => ReviewPolicyJson.Deserialize(json),
                new ValueComparer<ReviewPolicy>(
                    (left, right) => ReferenceEquals(left, right)
                        || (left != null && right != null && ReviewPolicyJson.Serialize(left) == ReviewPolicyJson.Serialize(right)),
                    policy => ReviewPolicyJson.Serialize(policy).GetHashCode(StringComparison.Ordinal),
                    policy => ReviewPolicyJson.Deserialize(ReviewPolicyJson.Serialize(policy))));
        settings.HasOne<Team>().WithMany().HasForeignKey(s => s.TeamId);
    }
}

internal sealed class PostApprovalMessageConfiguration : IEntityTypeConfiguration<PostApprovalMessage>
{
    public void Configure(EntityTypeBuilder<PostApprovalMessage> message)
    {
        message.ToTable("PostApprovalMessages");
        message.HasKey(m => m.PostId);
        message.Property(m => m.TeamId).HasMaxLength(512);
        message.Property(m => m.ConversationId).HasMaxLength(512);
        message.Property(m => m.ActivityId).HasMaxLength(256);
        message.Property(m => m.ServiceUrl).HasMaxLength(512);
        message.HasOne<Post>().WithOne().HasForeignKey<PostApprovalMessage>(m => m.PostId);
    }
}
