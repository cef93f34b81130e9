ALTER TABLE "Posts" ADD "RemindersClaimedBy" text;

ALTER TABLE "Posts" ADD "RemindersClaimedUntil" timestamp with time zone;

ALTER TABLE "Posts" ADD "RemindersPlannedVersion" integer NOT NULL DEFAULT 0;

UPDATE "Posts" SET "RemindersPlannedVersion" = "Version";

CREATE INDEX "IX_Posts_RemindersBehind" ON "Posts" ("RemindersPlannedVersion") WHERE "RemindersPlannedVersion" <> "Version";

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261205014922_RemindersFollowPostVersions', '10.0.15');

