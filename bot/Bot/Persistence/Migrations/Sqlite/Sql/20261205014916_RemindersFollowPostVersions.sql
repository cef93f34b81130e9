ALTER TABLE "Posts" ADD "RemindersClaimedBy" TEXT NULL;

ALTER TABLE "Posts" ADD "RemindersClaimedUntil" INTEGER NULL;

ALTER TABLE "Posts" ADD "RemindersPlannedVersion" INTEGER NOT NULL DEFAULT 0;

UPDATE "Posts" SET "RemindersPlannedVersion" = "Version";

CREATE INDEX "IX_Posts_RemindersBehind" ON "Posts" ("RemindersPlannedVersion") WHERE "RemindersPlannedVersion" <> "Version";

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261205014916_RemindersFollowPostVersions', '10.0.15');

