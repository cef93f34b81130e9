DROP INDEX "IX_OutboundMessages_Slot";

CREATE INDEX "IX_Posts_RemindersClaimedBy" ON "Posts" ("RemindersClaimedBy") WHERE "RemindersClaimedBy" IS NOT NULL;

CREATE INDEX "IX_OutboundMessages_ConversationId_State_NextAttemptAt" ON "OutboundMessages" ("ConversationId", "State", "NextAttemptAt");

CREATE INDEX "IX_OutboundMessages_RecipientAadObjectId_State_NextAttemptAt" ON "OutboundMessages" ("RecipientAadObjectId", "State", "NextAttemptAt");

CREATE INDEX "IX_OutboundMessages_Slot_State_Id" ON "OutboundMessages" ("Slot", "State", "Id");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261205103213_WorkerPassIndexes', '10.0.15');

