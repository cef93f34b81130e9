CREATE TABLE "OutboundMessages" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_OutboundMessages" PRIMARY KEY AUTOINCREMENT,
    "Kind" TEXT NOT NULL,
    "TeamId" TEXT NULL,
    "TenantId" TEXT NULL,
    "ServiceUrl" TEXT NOT NULL,
    "ConversationId" TEXT NULL,
    "RecipientAadObjectId" TEXT NULL,
    "RecipientUserId" TEXT NULL,
    "RecipientName" TEXT NULL,
    "BotId" TEXT NULL,
    "BotName" TEXT NULL,
    "Operation" TEXT NOT NULL,
    "UpdateActivityId" TEXT NULL,
    "Slot" TEXT NULL,
    "ActivityJson" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "NextAttemptAt" INTEGER NOT NULL,
    "SentAt" INTEGER NULL,
    "SentActivityId" TEXT NULL,
    "LastError" TEXT NULL
);

CREATE TABLE "ProcessedActivities" (
    "ChannelId" TEXT NOT NULL,
    "ConversationId" TEXT NOT NULL,
    "ActivityId" TEXT NOT NULL,
    "Status" INTEGER NOT NULL,
    "InvokeResponseJson" TEXT NULL,
    "ProcessedAt" INTEGER NOT NULL,
    CONSTRAINT "PK_ProcessedActivities" PRIMARY KEY ("ChannelId", "ConversationId", "ActivityId")
);

CREATE TABLE "TrustedServiceUrls" (
    "Origin" TEXT NOT NULL CONSTRAINT "PK_TrustedServiceUrls" PRIMARY KEY,
    "LearnedAt" INTEGER NOT NULL
);

CREATE INDEX "IX_OutboundMessages_Slot" ON "OutboundMessages" ("Slot");

CREATE INDEX "IX_OutboundMessages_State_NextAttemptAt" ON "OutboundMessages" ("State", "NextAttemptAt");

CREATE INDEX "IX_OutboundMessages_TeamId_State" ON "OutboundMessages" ("TeamId", "State");

CREATE INDEX "IX_ProcessedActivities_ProcessedAt" ON "ProcessedActivities" ("ProcessedAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123182206_DeliveryGuarantees', '10.0.15');

