CREATE INDEX "IX_OutboundMessages_ClaimedBy" ON "OutboundMessages" ("ClaimedBy");

CREATE INDEX "IX_OutboundMessages_ConversationId_State_Id" ON "OutboundMessages" ("ConversationId", "State", "Id");

CREATE INDEX "IX_OutboundMessages_RecipientAadObjectId_State_Id" ON "OutboundMessages" ("RecipientAadObjectId", "State", "Id");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261204233812_OutboxPassIndexes', '10.0.15');

