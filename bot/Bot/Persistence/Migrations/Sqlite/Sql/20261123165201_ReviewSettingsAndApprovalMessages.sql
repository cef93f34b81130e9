CREATE TABLE "PostApprovalMessages" (
    "PostId" TEXT NOT NULL CONSTRAINT "PK_PostApprovalMessages" PRIMARY KEY,
    "TeamId" TEXT NOT NULL,
    "ConversationId" TEXT NOT NULL,
    "ActivityId" TEXT NOT NULL,
    "ServiceUrl" TEXT NOT NULL,
    "PostedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_PostApprovalMessages_Posts_PostId" FOREIGN KEY ("PostId") REFERENCES "Posts" ("Id") ON DELETE CASCADE
);

CREATE TABLE "TeamReviewSettings" (
    "TeamId" TEXT NOT NULL CONSTRAINT "PK_TeamReviewSettings" PRIMARY KEY,
    "PolicyJson" TEXT NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "UpdatedByAadObjectId" TEXT NULL,
    CONSTRAINT "FK_TeamReviewSettings_Teams_TeamId" FOREIGN KEY ("TeamId") REFERENCES "Teams" ("TeamId") ON DELETE CASCADE
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123165201_ReviewSettingsAndApprovalMessages', '10.0.15');

