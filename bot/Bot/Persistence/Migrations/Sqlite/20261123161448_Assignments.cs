using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Assignments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Absences",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TeamId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    AadObjectId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FirstDay = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LastDay = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CoverAadObjectId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Absences", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CadenceGoals",
                columns: table => new
                {
                    SocialChannelId = table.Column<int>(type: "INTEGER", nullable: false),
                    TeamId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    PostsPerWeek = table.Column<int>(type: "INTEGER", nullable: false),
                    EngagementRateTarget = table.Column<decimal>(type: "TEXT", precision: 6, scale: 4, nullable: true)
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
                name: "SocialChannelAssignments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TeamId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    SocialChannelId = table.Column<int>(type: "INTEGER", nullable: false),
                    AadObjectId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Since = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
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
                name: "TeamAudit",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TeamId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ActorAadObjectId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SubjectAadObjectId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    SocialChannelId = table.Column<int>(type: "INTEGER", nullable: true),
                    Details = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamAudit", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Absences_TeamId_AadObjectId_LastDay",
                table: "Absences",
                columns: new[] { "TeamId", "AadObjectId", "LastDay" });

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
                name: "IX_TeamAudit_TeamId_At",
                table: "TeamAudit",
                columns: new[] { "TeamId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Absences");

            migrationBuilder.DropTable(
                name: "CadenceGoals");

            migrationBuilder.DropTable(
                name: "SocialChannelAssignments");

            migrationBuilder.DropTable(
                name: "TeamAudit");
        }
    }
}
