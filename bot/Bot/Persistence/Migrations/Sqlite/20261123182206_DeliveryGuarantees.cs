using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DeliveryGuarantees : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OutboundMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TeamId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    ServiceUrl = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    ConversationId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    RecipientAadObjectId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    RecipientUserId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    RecipientName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    BotId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    BotName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Operation = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    UpdateActivityId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Slot = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ActivityJson = table.Column<string>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SentActivityId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboundMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProcessedActivities",
                columns: table => new
                {
                    ChannelId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ConversationId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    ActivityId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    InvokeResponseJson = table.Column<string>(type: "TEXT", nullable: true),
                    ProcessedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProcessedActivities", x => new { x.ChannelId, x.ConversationId, x.ActivityId });
                });

            migrationBuilder.CreateTable(
                name: "TrustedServiceUrls",
                columns: table => new
                {
                    Origin = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    LearnedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrustedServiceUrls", x => x.Origin);
                });

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
                name: "IX_ProcessedActivities_ProcessedAt",
                table: "ProcessedActivities",
                column: "ProcessedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OutboundMessages");

            migrationBuilder.DropTable(
                name: "ProcessedActivities");

            migrationBuilder.DropTable(
                name: "TrustedServiceUrls");
        }
    }
}
