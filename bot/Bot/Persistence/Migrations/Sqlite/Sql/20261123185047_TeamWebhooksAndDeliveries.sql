CREATE TABLE "TeamWebhooks" (
    "TeamId" TEXT NOT NULL CONSTRAINT "PK_TeamWebhooks" PRIMARY KEY,
    "Url" TEXT NOT NULL,
    "ProtectedSecret" TEXT NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "UpdatedByAadObjectId" TEXT NOT NULL,
    CONSTRAINT "FK_TeamWebhooks_Teams_TeamId" FOREIGN KEY ("TeamId") REFERENCES "Teams" ("TeamId") ON DELETE CASCADE
);

CREATE TABLE "WebhookDeliveries" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WebhookDeliveries" PRIMARY KEY,
    "TeamId" TEXT NOT NULL,
    "PostId" TEXT NOT NULL,
    "Revision" INTEGER NOT NULL,
    "Event" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "State" TEXT NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "NextAttemptAt" INTEGER NULL,
    "LastAttemptAt" INTEGER NULL,
    "LastStatus" INTEGER NULL,
    "LastError" TEXT NULL,
    "DeliveredAt" INTEGER NULL
);

CREATE INDEX "IX_WebhookDeliveries_State_NextAttemptAt" ON "WebhookDeliveries" ("State", "NextAttemptAt");

CREATE INDEX "IX_WebhookDeliveries_TeamId_CreatedAt" ON "WebhookDeliveries" ("TeamId", "CreatedAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123185047_TeamWebhooksAndDeliveries', '10.0.15');

