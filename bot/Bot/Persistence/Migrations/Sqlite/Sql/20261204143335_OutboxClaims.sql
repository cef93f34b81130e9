ALTER TABLE "OutboundMessages" ADD "ClaimedBy" TEXT NULL;

ALTER TABLE "OutboundMessages" ADD "ClaimedUntil" INTEGER NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261204143335_OutboxClaims', '10.0.15');

