using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RemindersFollowPostVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RemindersClaimedBy",
                table: "Posts",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RemindersClaimedUntil",
                table: "Posts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RemindersPlannedVersion",
                table: "Posts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // The posts of before were planned when they changed, by the code of before: none of them is behind.
            migrationBuilder.Sql("UPDATE \"Posts\" SET \"RemindersPlannedVersion\" = \"Version\";");

            migrationBuilder.CreateIndex(
                name: "IX_Posts_RemindersBehind",
                table: "Posts",
                column: "RemindersPlannedVersion",
                filter: "\"RemindersPlannedVersion\" <> \"Version\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Posts_RemindersBehind",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "RemindersClaimedBy",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "RemindersClaimedUntil",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "RemindersPlannedVersion",
                table: "Posts");
        }
    }
}
