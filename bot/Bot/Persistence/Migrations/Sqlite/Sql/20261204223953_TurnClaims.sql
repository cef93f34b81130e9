ALTER TABLE "ProcessedActivities" ADD "ClaimedUntil" INTEGER NULL;

ALTER TABLE "ProcessedActivities" ADD "State" TEXT NOT NULL DEFAULT 'Answered';

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261204223953_TurnClaims', '10.0.15');

