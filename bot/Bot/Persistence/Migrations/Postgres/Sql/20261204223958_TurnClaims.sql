ALTER TABLE "ProcessedActivities" ADD "ClaimedUntil" timestamp with time zone;

ALTER TABLE "ProcessedActivities" ADD "State" character varying(16) NOT NULL DEFAULT 'Answered';

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261204223958_TurnClaims', '10.0.15');

