using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OutboxPassIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_OutboundMessages_ClaimedBy",
                table: "OutboundMessages",
                column: "ClaimedBy");

            migrationBuilder.CreateIndex(
                name: "IX_OutboundMessages_ConversationId_State_Id",
                table: "OutboundMessages",
                columns: new[] { "ConversationId", "State", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboundMessages_RecipientAadObjectId_State_Id",
                table: "OutboundMessages",
                columns: new[] { "RecipientAadObjectId", "State", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OutboundMessages_ClaimedBy",
                table: "OutboundMessages");

            migrationBuilder.DropIndex(
                name: "IX_OutboundMessages_ConversationId_State_Id",
                table: "OutboundMessages");

            migrationBuilder.DropIndex(
                name: "IX_OutboundMessages_RecipientAadObjectId_State_Id",
                table: "OutboundMessages");
        }
    }
}
