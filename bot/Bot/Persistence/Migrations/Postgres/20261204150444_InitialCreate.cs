using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Bot.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Absences",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TeamId = table.Column<string>(type: "text", maxLength: 512, nullable: false),
                    AadObjectId = table.Column<string>(type: "text", maxLength: 64, nullable: false),
                    FirstDay = table.Column<DateOnly>(type: "date", nullable: false),
                    LastDay = table.Column<DateOnly>(type: "date", nullable: false),
                    CoverAadObjectId = table.Column<string>(type: "text", maxLength: 64, nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Absences", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Conversations",
                columns: table => new
                {
                    ConversationId = table.Column<string>(type: "text", maxLength: 512, nullable: false),
                    ChannelId = table.Column<string>(type: "text", maxLength: 64, nullable: false),
                    ServiceUrl = table.Column<string>(type: "text", maxLength: 512, nullable: false),
                    ConversationType = table.Column<string>(type: "text", maxLength: 32, nullable: true),
                    TenantId = table.Column<string>(type: "text", maxLength: 64, nullable: true),
                    TeamId = table.Column<string>(type: "text", maxLength: 512, nullable: true),
                    TeamName = table.Column<string>(type: "text", maxLength: 256, nullable: true),
                    TeamsChannelId = table.Column<string>(type: "text", maxLength: 512, nullable: true),
                    BotId = table.Column<string>(type: "text", maxLength: 256, nullable: true),
                    BotName = table.Column<string>(type: "text", maxLength: 256, nullable: true),
                    UserId = table.Column<string>(type: "text", maxLength: 256, nullable: true),
                    UserAadObjectId = table.Column<string>(type: "text", maxLength: 64, nullable: true),
                    Locale = table.Column<string>(type: "text", maxLength: 32, nullable: true),
                    IsInstalled = table.Column<bool>(type: "boolean", nullable: false),
                    FirstSeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastSeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    WelcomedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Conversations", x => x.ConversationId);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OutboundMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "text", maxLength: 64, nullable: false),
                    TeamId = table.Column<string>(type: "text", maxLength: 512, nullable: true),
                    TenantId = table.Column<string>(type: "text", maxLength: 128, nullable: true),
                    ServiceUrl = table.Column<string>(type: "text", maxLength: 512, nullable: false),
                    ConversationId = table.Column<string>(type: "text", maxLength: 512, nullable: true),
                    RecipientAadObjectId = table.Column<string>(type: "text", maxLength: 128, nullable: true),
                    RecipientUserId = table.Column<string>(type: "text", maxLength: 256, nullable: true),
                    RecipientName = table.Column<string>(type: "text", maxLength: 256, nullable: true),
                    BotId = table.Column<string>(type: "text", maxLength: 256, nullable: true),
                    BotName = table.Column<string>(type: "text", maxLength: 256, nullable: true),
                    Operation = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    UpdateActivityId = table.Column<string>(type: "text", maxLength: 256, nullable: true),
                    Slot = table.Column<string>(type: "text", maxLength: 256, nullable: true),
                    ActivityJson = table.Column<string>(type: "text", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SentActivityId = table.Column<string>(type: "text", maxLength: 256, nullable: true),
                    ClaimedBy = table.Column<string>(type: "text", maxLength: 64, nullable: true),
                    ClaimedUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "text", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboundMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "People",
                columns: table => new
                {
                    AadObjectId = table.Column<string>(type: "text", maxLength: 64, nullable: false),
                    TenantId = table.Column<string>(type: "text", maxLength: 64, nullable: true),
                    Name = table.Column<string>(type: "text", maxLength: 256, nullable: true),
                    TeamsUserId = table.Column<string>(type: "text", maxLength: 256, nullable: true),
                    Locale = table.Column<string>(type: "text", maxLength: 32, nullable: true),
                    FirstSeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastSeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_People", x => x.AadObjectId);
                });

            migrationBuilder.CreateTable(
                name: "ProcessedActivities",
                columns: table => new
                {
                    ChannelId = table.Column<string>(type: "text", maxLength: 64, nullable: false),
                    ConversationId = table.Column<string>(type: "text", maxLength: 512, nullable: false),
                    ActivityId = table.Column<string>(type: "text", maxLength: 256, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    InvokeResponseJson = table.Column<string>(type: "text", nullable: true),
                    ProcessedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProcessedActivities", x => new { x.ChannelId, x.ConversationId, x.ActivityId });
                });

            migrationBuilder.CreateTable(
                name: "TeamAudit",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TeamId = table.Column<string>(type: "text", maxLength: 512, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ActorAadObjectId = table.Column<string>(type: "text", maxLength: 64, nullable: false),
                    Action = table.Column<string>(type: "text", maxLength: 64, nullable: false),
                    SubjectAadObjectId = table.Column<string>(type: "text", maxLength: 64, nullable: true),
                    SocialChannelId = table.Column<int>(type: "integer", nullable: true),
                    Details = table.Column<string>(type: "text", maxLength: 1024, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamAudit", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Teams",
                columns: table => new
                {
                    TeamId = table.Column<string>(type: "text", maxLength: 512, nullable: false),
                    TenantId = table.Column<string>(type: "text", maxLength: 64, nullable: true),
                    Name = table.Column<string>(type: "text", maxLength: 256, nullable: true),
                    TimeZoneId = table.Column<string>(type: "text", maxLength: 64, nullable: false),
                    Language = table.Column<string>(type: "text", maxLength: 8, nullable: true),
                    HomeTeamsChannelId = table.Column<string>(type: "text", maxLength: 512, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Teams", x => x.TeamId);
                });

            migrationBuilder.CreateTable(
                name: "TrustedServiceUrls",
                columns: table => new
                {
                    Origin = table.Column<string>(type: "text", maxLength: 512, nullable: false),
                    LearnedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrustedServiceUrls", x => x.Origin);
                });

            migrationBuilder.CreateTable(
                name: "WebhookDeliveries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<string>(type: "text", maxLength: 512, nullable: false),
                    PostId = table.Column<Guid>(type: "uuid", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    Event = table.Column<string>(type: "text", maxLength: 64, nullable: false),
                    Body = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastStatus = table.Column<int>(type: "integer", nullable: true),
                    LastError = table.Column<string>(type: "text", maxLength: 64, nullable: true),
                    DeliveredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookDeliveries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DigestDeliveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TeamId = table.Column<string>(type: "text", maxLength: 512, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Trigger = table.Column<string>(type: "text", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DigestDeliveries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DigestDeliveries_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "TeamId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MetricsApiKeys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<string>(type: "text", maxLength: 512, nullable: false),
                    Prefix = table.Column<string>(type: "text", maxLength: 16, nullable: false),
                    KeyHash = table.Column<string>(type: "text", maxLength: 64, nullable: false),
                    Label = table.Column<string>(type: "text", maxLength: 100, nullable: true),
                    CreatedByAadObjectId = table.Column<string>(type: "text", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RevokedByAadObjectId = table.Column<string>(type: "text", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MetricsApiKeys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MetricsApiKeys_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "TeamId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PostMetrics",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TeamId = table.Column<string>(type: "text", maxLength: 512, nullable: false),
                    PostUrl = table.Column<string>(type: "text", maxLength: 2048, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Metric = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Value = table.Column<long>(type: "bigint", nullable: false),
                    Source = table.Column<string>(type: "text", maxLength: 64, nullable: false),
                    ReadAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PostMetrics", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PostMetrics_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "TeamId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Posts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<string>(type: "text", maxLength: 512, nullable: false),
                    AuthorAadObjectId = table.Column<string>(type: "text", maxLength: 64, nullable: false),
                    WorkingTitle = table.Column<string>(type: "text", maxLength: 200, nullable: false),
                    BaseText = table.Column<string>(type: "text", nullable: false),
                    Department = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Tags = table.Column<string[]>(type: "text[]", nullable: false),
                    Links = table.Column<string[]>(type: "text[]", nullable: false),
                    MediaReferences = table.Column<string[]>(type: "text[]", nullable: false),
                    Reviewers = table.Column<string[]>(type: "text[]", nullable: false),
                    Status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    CurrentRevision = table.Column<int>(type: "integer", nullable: false),
                    PlannedPublishAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Posts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Posts_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "TeamId",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SocialChannels",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TeamId = table.Column<string>(type: "text", maxLength: 512, nullable: false),
                    Platform = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Handle = table.Column<string>(type: "text", maxLength: 128, nullable: false),
                    Url = table.Column<string>(type: "text", maxLength: 2048, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    IsArchived = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SocialChannels", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SocialChannels_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "TeamId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TeamDigestSettings",
                columns: table => new
                {
                    TeamId = table.Column<string>(type: "text", maxLength: 512, nullable: false),
                    IsEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    LocalTime = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    Days = table.Column<string>(type: "text", nullable: false),
                    SwitchedOffSections = table.Column<string>(type: "text", nullable: false),
                    UpdatedByAadObjectId = table.Column<string>(type: "text", maxLength: 64, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamDigestSettings", x => x.TeamId);
                    table.ForeignKey(
                        name: "FK_TeamDigestSettings_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "TeamId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TeamMemberships",
                columns: table => new
                {
                    TeamId = table.Column<string>(type: "text", maxLength: 512, nullable: false),
                    AadObjectId = table.Column<string>(type: "text", maxLength: 64, nullable: false),
                    Role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamMemberships", x => new { x.TeamId, x.AadObjectId });
                    table.ForeignKey(
                        name: "FK_TeamMemberships_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "TeamId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TeamReminderSettings",
                columns: table => new
                {
                    TeamId = table.Column<string>(type: "text", maxLength: 512, nullable: false),
                    SettingsJson = table.Column<string>(type: "text", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedByAadObjectId = table.Column<string>(type: "text", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamReminderSettings", x => x.TeamId);
                    table.ForeignKey(
                        name: "FK_TeamReminderSettings_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "TeamId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TeamReviewSettings",
                columns: table => new
                {
                    TeamId = table.Column<string>(type: "text", maxLength: 512, nullable: false),
                    PolicyJson = table.Column<string>(type: "text", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedByAadObjectId = table.Column<string>(type: "text", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamReviewSettings", x => x.TeamId);
                    table.ForeignKey(
                        name: "FK_TeamReviewSettings_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "TeamId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TeamWebhooks",
                columns: table => new
                {
                    TeamId = table.Column<string>(type: "text", maxLength: 512, nullable: false),
                    Url = table.Column<string>(type: "text", maxLength: 2048, nullable: false),
                    ProtectedSecret = table.Column<string>(type: "text", maxLength: 4096, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedByAadObjectId = table.Column<string>(type: "text", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamWebhooks", x => x.TeamId);
                    table.ForeignKey(
                        name: "FK_TeamWebhooks_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "TeamId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PostApprovalMessages",
                columns: table => new
                {
                    PostId = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<string>(type: "text", maxLength: 512, nullable: false),
                    ConversationId = table.Column<string>(type: "text", maxLength: 512, nullable: false),
                    ActivityId = table.Column<string>(type: "text", maxLength: 256, nullable: false),
                    ServiceUrl = table.Column<string>(type: "text", maxLength: 512, nullable: false),
                    PostedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PostApprovalMessages", x => x.PostId);
                    table.ForeignKey(
                        name: "FK_PostApprovalMessages_Posts_PostId",
                        column: x => x.PostId,
                        principalTable: "Posts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PostAuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ActorAadObjectId = table.Column<string>(type: "text", maxLength: 64, nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    Action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Comment = table.Column<string>(type: "text", nullable: true),
                    Details = table.Column<string>(type: "text", nullable: true),
                    PostId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PostAuditEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PostAuditEntries_Posts_PostId",
                        column: x => x.PostId,
                        principalTable: "Posts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PostComments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    AuthorAadObjectId = table.Column<string>(type: "text", maxLength: 64, nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PostId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PostComments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PostComments_Posts_PostId",
                        column: x => x.PostId,
                        principalTable: "Posts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PostReviewDecisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    ReviewerAadObjectId = table.Column<string>(type: "text", maxLength: 64, nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    Verdict = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Comment = table.Column<string>(type: "text", nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LevelName = table.Column<string>(type: "text", maxLength: 100, nullable: true),
                    ConfirmedChecklistItems = table.Column<string[]>(type: "text[]", nullable: false),
                    PostId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PostReviewDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PostReviewDecisions_Posts_PostId",
                        column: x => x.PostId,
                        principalTable: "Posts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PostRevisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", maxLength: 64, nullable: false),
                    PostId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PostRevisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PostRevisions_Posts_PostId",
                        column: x => x.PostId,
                        principalTable: "Posts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CadenceGoals",
                columns: table => new
                {
                    SocialChannelId = table.Column<int>(type: "integer", nullable: false),
                    TeamId = table.Column<string>(type: "text", maxLength: 512, nullable: false),
                    PostsPerWeek = table.Column<int>(type: "integer", nullable: false),
                    EngagementRateTarget = table.Column<decimal>(type: "numeric(6,4)", precision: 6, scale: 4, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CadenceGoals", x => x.SocialChannelId);
                    table.ForeignKey(
                        name: "FK_CadenceGoals_SocialChannels_SocialChannelId",
                        column: x => x.SocialChannelId,
                        principalTable: "SocialChannels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PostVariants",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SocialChannelId = table.Column<int>(type: "integer", nullable: false),
                    Platform = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    FollowsBaseText = table.Column<bool>(type: "boolean", nullable: false),
                    LiveUrl = table.Column<string>(type: "text", maxLength: 2048, nullable: true),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PublishedBy = table.Column<string>(type: "text", maxLength: 64, nullable: true),
                    PostId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PostVariants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PostVariants_Posts_PostId",
                        column: x => x.PostId,
                        principalTable: "Posts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PostVariants_SocialChannels_SocialChannelId",
                        column: x => x.SocialChannelId,
                        principalTable: "SocialChannels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SocialChannelAssignments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TeamId = table.Column<string>(type: "text", maxLength: 512, nullable: false),
                    SocialChannelId = table.Column<int>(type: "integer", nullable: false),
                    AadObjectId = table.Column<string>(type: "text", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SocialChannelAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SocialChannelAssignments_SocialChannels_SocialChannelId",
                        column: x => x.SocialChannelId,
                        principalTable: "SocialChannels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SocialChannelDailyMetrics",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TeamId = table.Column<string>(type: "text", maxLength: 512, nullable: false),
                    SocialChannelId = table.Column<int>(type: "integer", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Metric = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Value = table.Column<long>(type: "bigint", nullable: false),
                    Source = table.Column<string>(type: "text", maxLength: 64, nullable: false),
                    ReadAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SocialChannelDailyMetrics", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SocialChannelDailyMetrics_SocialChannels_SocialChannelId",
                        column: x => x.SocialChannelId,
                        principalTable: "SocialChannels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PostRevisionTexts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SocialChannelId = table.Column<int>(type: "integer", nullable: false),
                    Platform = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    RevisionId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PostRevisionTexts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PostRevisionTexts_PostRevisions_RevisionId",
                        column: x => x.RevisionId,
                        principalTable: "PostRevisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Absences_TeamId_AadObjectId_LastDay",
                table: "Absences",
                columns: new[] { "TeamId", "AadObjectId", "LastDay" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_TeamId",
                table: "Conversations",
                column: "TeamId");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_UserAadObjectId",
                table: "Conversations",
                column: "UserAadObjectId");

            migrationBuilder.CreateIndex(
                name: "IX_DigestDeliveries_TeamId_Date",
                table: "DigestDeliveries",
                columns: new[] { "TeamId", "Date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MetricsApiKeys_KeyHash",
                table: "MetricsApiKeys",
                column: "KeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MetricsApiKeys_TeamId",
                table: "MetricsApiKeys",
                column: "TeamId");

            migrationBuilder.CreateIndex(
                name: "IX_OutboundMessages_Slot",
                table: "OutboundMessages",
                column: "Slot");

            migrationBuilder.CreateIndex(
                name: "IX_OutboundMessages_State_NextAttemptAt",
                table: "OutboundMessages",
                columns: new[] { "State", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboundMessages_TeamId_State",
                table: "OutboundMessages",
                columns: new[] { "TeamId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_PostAuditEntries_PostId_Sequence",
                table: "PostAuditEntries",
                columns: new[] { "PostId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_PostComments_PostId_Sequence",
                table: "PostComments",
                columns: new[] { "PostId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_PostMetrics_TeamId_Date",
                table: "PostMetrics",
                columns: new[] { "TeamId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_PostMetrics_TeamId_PostUrl_Date_Metric",
                table: "PostMetrics",
                columns: new[] { "TeamId", "PostUrl", "Date", "Metric" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PostReviewDecisions_PostId_Sequence",
                table: "PostReviewDecisions",
                columns: new[] { "PostId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_PostRevisions_PostId_Number",
                table: "PostRevisions",
                columns: new[] { "PostId", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_PostRevisionTexts_RevisionId",
                table: "PostRevisionTexts",
                column: "RevisionId");

            migrationBuilder.CreateIndex(
                name: "IX_Posts_PlannedPublishAt",
                table: "Posts",
                column: "PlannedPublishAt");

            migrationBuilder.CreateIndex(
                name: "IX_Posts_TeamId_Status",
                table: "Posts",
                columns: new[] { "TeamId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_PostVariants_PostId_SocialChannelId",
                table: "PostVariants",
                columns: new[] { "PostId", "SocialChannelId" });

            migrationBuilder.CreateIndex(
                name: "IX_PostVariants_SocialChannelId",
                table: "PostVariants",
                column: "SocialChannelId");

            migrationBuilder.CreateIndex(
                name: "IX_ProcessedActivities_ProcessedAt",
                table: "ProcessedActivities",
                column: "ProcessedAt");

            migrationBuilder.CreateIndex(
                name: "IX_SocialChannelAssignments_OneOwner",
                table: "SocialChannelAssignments",
                column: "SocialChannelId",
                unique: true,
                filter: "\"Kind\" = 'Owner'");

            migrationBuilder.CreateIndex(
                name: "IX_SocialChannelAssignments_SocialChannelId_AadObjectId",
                table: "SocialChannelAssignments",
                columns: new[] { "SocialChannelId", "AadObjectId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SocialChannelAssignments_TeamId_AadObjectId",
                table: "SocialChannelAssignments",
                columns: new[] { "TeamId", "AadObjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_SocialChannelDailyMetrics_SocialChannelId_Date_Metric",
                table: "SocialChannelDailyMetrics",
                columns: new[] { "SocialChannelId", "Date", "Metric" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SocialChannelDailyMetrics_TeamId_Date",
                table: "SocialChannelDailyMetrics",
                columns: new[] { "TeamId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_SocialChannels_TeamId_Platform_Handle",
                table: "SocialChannels",
                columns: new[] { "TeamId", "Platform", "Handle" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TeamAudit_TeamId_At",
                table: "TeamAudit",
                columns: new[] { "TeamId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_State_NextAttemptAt",
                table: "WebhookDeliveries",
                columns: new[] { "State", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_TeamId_CreatedAt",
                table: "WebhookDeliveries",
                columns: new[] { "TeamId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Absences");

            migrationBuilder.DropTable(
                name: "CadenceGoals");

            migrationBuilder.DropTable(
                name: "Conversations");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "DigestDeliveries");

            migrationBuilder.DropTable(
                name: "MetricsApiKeys");

            migrationBuilder.DropTable(
                name: "OutboundMessages");

            migrationBuilder.DropTable(
                name: "People");

            migrationBuilder.DropTable(
                name: "PostApprovalMessages");

            migrationBuilder.DropTable(
                name: "PostAuditEntries");

            migrationBuilder.DropTable(
                name: "PostComments");

            migrationBuilder.DropTable(
                name: "PostMetrics");

            migrationBuilder.DropTable(
                name: "PostReviewDecisions");

            migrationBuilder.DropTable(
                name: "PostRevisionTexts");

            migrationBuilder.DropTable(
                name: "PostVariants");

            migrationBuilder.DropTable(
                name: "ProcessedActivities");

            migrationBuilder.DropTable(
                name: "SocialChannelAssignments");

            migrationBuilder.DropTable(
                name: "SocialChannelDailyMetrics");

            migrationBuilder.DropTable(
                name: "TeamAudit");

            migrationBuilder.DropTable(
                name: "TeamDigestSettings");

            migrationBuilder.DropTable(
                name: "TeamMemberships");

            migrationBuilder.DropTable(
                name: "TeamReminderSettings");

            migrationBuilder.DropTable(
                name: "TeamReviewSettings");

            migrationBuilder.DropTable(
                name: "TeamWebhooks");

            migrationBuilder.DropTable(
                name: "TrustedServiceUrls");

            migrationBuilder.DropTable(
                name: "WebhookDeliveries");

            migrationBuilder.DropTable(
                name: "PostRevisions");

            migrationBuilder.DropTable(
                name: "SocialChannels");

            migrationBuilder.DropTable(
                name: "Posts");

            migrationBuilder.DropTable(
                name: "Teams");
        }
    }
}
