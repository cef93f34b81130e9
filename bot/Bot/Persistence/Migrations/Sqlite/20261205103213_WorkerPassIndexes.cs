using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WorkerPassIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OutboundMessages_Slot",
                table: "OutboundMessages");

            migrationBuilder.CreateIndex(
                name: "IX_Posts_RemindersClaimedBy",
                table: "Posts",
                column: "RemindersClaimedBy",
                filter: "\"RemindersClaimedBy\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_OutboundMessages_ConversationId_State_NextAttemptAt",
                table: "OutboundMessages",
                columns: new[] { "ConversationId", "State", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboundMessages_RecipientAadObjectId_State_NextAttemptAt",
                table: "OutboundMessages",
                columns: new[] { "RecipientAadObjectId", "State", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboundMessages_Slot_State_Id",
                table: "OutboundMessages",
                columns: new[] { "Slot", "State", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Posts_RemindersClaimedBy",
                table: "Posts");

            migrationBuilder.DropIndex(
                name: "IX_OutboundMessages_ConversationId_State_NextAttemptAt",
                table: "OutboundMessages");

            migrationBuilder.DropIndex(
                name: "IX_OutboundMessages_RecipientAadObjectId_State_NextAttemptAt",
                table: "OutboundMessages");

            migrationBuilder.DropIndex(
                name: "IX_OutboundMessages_Slot_State_Id",
                table: "OutboundMessages");

            migrationBuilder.CreateIndex(
                name: "IX_OutboundMessages_Slot",
                table: "OutboundMessages",
                column: "Slot");
        }
    }
}
