using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TurnClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ClaimedUntil",
                table: "ProcessedActivities",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "State",
                table: "ProcessedActivities",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                // Rows from before claims were answered turns.
                defaultValue: "Answered");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ClaimedUntil",
                table: "ProcessedActivities");

            migrationBuilder.DropColumn(
                name: "State",
                table: "ProcessedActivities");
        }
    }
}
