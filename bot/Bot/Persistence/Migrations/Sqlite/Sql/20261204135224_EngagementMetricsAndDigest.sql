CREATE TABLE "DigestDeliveries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DigestDeliveries" PRIMARY KEY AUTOINCREMENT,
    "TeamId" TEXT NOT NULL,
    "Date" TEXT NOT NULL,
    "SentAt" INTEGER NOT NULL,
    "Trigger" TEXT NOT NULL,
    CONSTRAINT "FK_DigestDeliveries_Teams_TeamId" FOREIGN KEY ("TeamId") REFERENCES "Teams" ("TeamId") ON DELETE CASCADE
);

CREATE TABLE "MetricsApiKeys" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_MetricsApiKeys" PRIMARY KEY,
    "TeamId" TEXT NOT NULL,
    "Prefix" TEXT NOT NULL,
    "KeyHash" TEXT NOT NULL,
    "Label" TEXT NULL,
    "CreatedByAadObjectId" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "RevokedAt" INTEGER NULL,
    "RevokedByAadObjectId" TEXT NULL,
    CONSTRAINT "FK_MetricsApiKeys_Teams_TeamId" FOREIGN KEY ("TeamId") REFERENCES "Teams" ("TeamId") ON DELETE CASCADE
);

CREATE TABLE "PostMetrics" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PostMetrics" PRIMARY KEY AUTOINCREMENT,
    "TeamId" TEXT NOT NULL,
    "PostUrl" TEXT NOT NULL,
    "Date" TEXT NOT NULL,
    "Metric" TEXT NOT NULL,
    "Value" INTEGER NOT NULL,
    "Source" TEXT NOT NULL,
    "ReadAt" INTEGER NOT NULL,
    CONSTRAINT "FK_PostMetrics_Teams_TeamId" FOREIGN KEY ("TeamId") REFERENCES "Teams" ("TeamId") ON DELETE CASCADE
);

CREATE TABLE "SocialChannelDailyMetrics" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SocialChannelDailyMetrics" PRIMARY KEY AUTOINCREMENT,
    "TeamId" TEXT NOT NULL,
    "SocialChannelId" INTEGER NOT NULL,
    "Date" TEXT NOT NULL,
    "Metric" TEXT NOT NULL,
    "Value" INTEGER NOT NULL,
    "Source" TEXT NOT NULL,
    "ReadAt" INTEGER NOT NULL,
    CONSTRAINT "FK_SocialChannelDailyMetrics_SocialChannels_SocialChannelId" FOREIGN KEY ("SocialChannelId") REFERENCES "SocialChannels" ("Id") ON DELETE CASCADE
);

CREATE TABLE "TeamDigestSettings" (
    "TeamId" TEXT NOT NULL CONSTRAINT "PK_TeamDigestSettings" PRIMARY KEY,
    "IsEnabled" INTEGER NOT NULL,
    "LocalTime" TEXT NOT NULL,
    "Days" TEXT NOT NULL,
    "SwitchedOffSections" TEXT NOT NULL,
    "UpdatedByAadObjectId" TEXT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_TeamDigestSettings_Teams_TeamId" FOREIGN KEY ("TeamId") REFERENCES "Teams" ("TeamId") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_DigestDeliveries_TeamId_Date" ON "DigestDeliveries" ("TeamId", "Date");

CREATE UNIQUE INDEX "IX_MetricsApiKeys_KeyHash" ON "MetricsApiKeys" ("KeyHash");

CREATE INDEX "IX_MetricsApiKeys_TeamId" ON "MetricsApiKeys" ("TeamId");

CREATE INDEX "IX_PostMetrics_TeamId_Date" ON "PostMetrics" ("TeamId", "Date");

CREATE UNIQUE INDEX "IX_PostMetrics_TeamId_PostUrl_Date_Metric" ON "PostMetrics" ("TeamId", "PostUrl", "Date", "Metric");

CREATE UNIQUE INDEX "IX_SocialChannelDailyMetrics_SocialChannelId_Date_Metric" ON "SocialChannelDailyMetrics" ("SocialChannelId", "Date", "Metric");

CREATE INDEX "IX_SocialChannelDailyMetrics_TeamId_Date" ON "SocialChannelDailyMetrics" ("TeamId", "Date");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261204135224_EngagementMetricsAndDigest', '10.0.15');

