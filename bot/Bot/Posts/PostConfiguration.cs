using Bot.Staffing;
using Bot.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Bot.Posts;

/// <summary>
/// The post aggregate: the post row plus owned tables for its variants, revisions (with their texts), decisions,
/// comments and audit trail, all loaded with the post and saved through it. <see cref="Post.Version"/> is the
/// concurrency token, so a save based on an outdated post fails instead of overwriting a decision.
/// </summary>
/// <param name="storeInstantsAsNumbers">
/// SQLite has no date type and EF cannot compare or sort <see cref="DateTimeOffset"/> stored as text there, but
/// reminders must find due posts by planned time: on SQLite the post's times are stored as sortable numbers.
/// </param>
internal sealed class PostConfiguration(bool storeInstantsAsNumbers) : IEntityTypeConfiguration<Post>
{
    private const int AadIdLength = 64;
    private const int UrlLength = 2048;

    public void Configure(EntityTypeBuilder<Post> post)
    {
        post.ToTable("Posts");
        post.HasKey(p => p.Id);
        post.Property(p => p.Id).ValueGeneratedNever();
        post.Property(p => p.TeamId).HasMaxLength(512);
        post.Property(p => p.AuthorAadObjectId).HasMaxLength(AadIdLength);
        post.Property(p => p.WorkingTitle).HasMaxLength(PostContent.MaxWorkingTitleLength);
        post.Property(p => p.BaseText);
        post.Property(p => p.Department).HasConversion<string>().HasMaxLength(16);
        post.Property(p => p.Status).HasConversion<string>().HasMaxLength(24);
        post.Property(p => p.Version).IsConcurrencyToken();
        post.PrimitiveCollection(p => p.Tags).HasField("_tags");
        post.PrimitiveCollection(p => p.Links).HasField("_links");
        post.PrimitiveCollection(p => p.MediaReferences).HasField("_mediaReferences");
        post.PrimitiveCollection(p => p.Reviewers).HasField("_reviewers");
        post.Ignore(p => p.IsPartlyLive);
        if (storeInstantsAsNumbers)
        {
            post.Property(p => p.PlannedPublishAt).HasConversion<DateTimeOffsetToBinaryConverter>();
            post.Property(p => p.CreatedAt).HasConversion<DateTimeOffsetToBinaryConverter>();
            post.Property(p => p.UpdatedAt).HasConversion<DateTimeOffsetToBinaryConverter>();
        }

        // Restrict, not cascade: removing a team must not silently take the record of who approved what with it.
        post.HasOne<Team>().WithMany().HasForeignKey(p => p.TeamId).OnDelete(DeleteBehavior.Restrict);
        post.HasIndex(p => new { p.TeamId, p.Status });
        post.HasIndex(p => p.PlannedPublishAt);
        // The calendar tab and feed read one team's posts by planned time; without it SQLite walks every post the team
        // ever had through (TeamId, Status) to find a month.
        post.HasIndex(p => new { p.TeamId, p.PlannedPublishAt });

        post.OwnsMany(p => p.Variants, variant =>
        {
            variant.ToTable("PostVariants");
            variant.WithOwner().HasForeignKey("PostId");
            SurrogateKey(variant);
            variant.HasIndex("PostId", nameof(PostVariant.SocialChannelId));
            variant.Property(v => v.Platform).HasConversion<string>().HasMaxLength(16);
            variant.Property(v => v.LiveUrl).HasMaxLength(UrlLength);
            variant.Property(v => v.PublishedBy).HasMaxLength(AadIdLength);
            variant.Ignore(v => v.IsLive);
            variant.HasOne<SocialChannel>().WithMany().HasForeignKey(v => v.SocialChannelId).OnDelete(DeleteBehavior.Restrict);
        });

        post.OwnsMany(p => p.Revisions, revision =>
        {
            revision.ToTable("PostRevisions");
            revision.WithOwner().HasForeignKey("PostId");
            SurrogateKey(revision);
            revision.HasIndex("PostId", nameof(Revision.Number));
            revision.Property(r => r.CreatedBy).HasMaxLength(AadIdLength);
            revision.OwnsMany(r => r.Texts, text =>
            {
                // A snapshot: no key to the social channel, so history survives a social channel being removed.
                text.ToTable("PostRevisionTexts");
                text.WithOwner().HasForeignKey("RevisionId");
                SurrogateKey(text);
                text.Property(t => t.Platform).HasConversion<string>().HasMaxLength(16);
            });
        });

        post.OwnsMany(p => p.Decisions, decision =>
        {
            decision.ToTable("PostReviewDecisions");
            decision.WithOwner().HasForeignKey("PostId");
            SurrogateKey(decision);
            decision.HasIndex("PostId", nameof(ReviewDecision.Sequence));
            decision.Property(d => d.ReviewerAadObjectId).HasMaxLength(AadIdLength);
            decision.Property(d => d.Verdict).HasConversion<string>().HasMaxLength(24);
            decision.Property(d => d.LevelName).HasMaxLength(100);
            decision.PrimitiveCollection(d => d.ConfirmedChecklistItems).HasField("_confirmedChecklistItems");
        });

        post.OwnsMany(p => p.Comments, comment =>
        {
            comment.ToTable("PostComments");
            comment.WithOwner().HasForeignKey("PostId");
            SurrogateKey(comment);
            comment.HasIndex("PostId", nameof(PostComment.Sequence));
            comment.Property(c => c.AuthorAadObjectId).HasMaxLength(AadIdLength);
        });

        post.OwnsMany(p => p.AuditTrail, entry =>
        {
            entry.ToTable("PostAuditEntries");
            entry.WithOwner().HasForeignKey("PostId");
            SurrogateKey(entry);
            entry.HasIndex("PostId", nameof(AuditEntry.Sequence));
            entry.Property(e => e.ActorAadObjectId).HasMaxLength(AadIdLength);
            entry.Property(e => e.Action).HasConversion<string>().HasMaxLength(32);
            entry.Property(e => e.Status).HasConversion<string>().HasMaxLength(24);
        });
    }

    // Rows owned by a post get a database-generated key, not (PostId, Sequence): EF inserts them before it updates the
    // post row, so with natural keys a stale save would hit a unique constraint before the Version check and fail with
    // a plain DbUpdateException. This way the Version check decides, the loser gets DbUpdateConcurrencyException, and
    // the transaction takes its inserted rows back. The natural keys stay unique because every change goes through a
    // version-checked update of the post row.
    private static void SurrogateKey<TOwner, TOwned>(OwnedNavigationBuilder<TOwner, TOwned> owned)
        where TOwner : class
        where TOwned : class
    {
        owned.Property<long>("Id").ValueGeneratedOnAdd();
        owned.HasKey("Id");
    }
}
