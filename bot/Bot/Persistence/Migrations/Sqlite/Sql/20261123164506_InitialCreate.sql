CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

CREATE TABLE "Absences" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Absences" PRIMARY KEY AUTOINCREMENT,
    "TeamId" TEXT NOT NULL,
    "AadObjectId" TEXT NOT NULL,
    "FirstDay" TEXT NOT NULL,
    "LastDay" TEXT NOT NULL,
    "CoverAadObjectId" TEXT NULL,
    "RecordedAt" INTEGER NOT NULL
);

CREATE TABLE "Conversations" (
    "ConversationId" TEXT NOT NULL CONSTRAINT "PK_Conversations" PRIMARY KEY,
    "ChannelId" TEXT NOT NULL,
    "ServiceUrl" TEXT NOT NULL,
    "ConversationType" TEXT NULL,
    "TenantId" TEXT NULL,
    "TeamId" TEXT NULL,
    "TeamName" TEXT NULL,
    "TeamsChannelId" TEXT NULL,
    "BotId" TEXT NULL,
    "BotName" TEXT NULL,
    "UserId" TEXT NULL,
    "UserAadObjectId" TEXT NULL,
    "Locale" TEXT NULL,
    "IsInstalled" INTEGER NOT NULL,
    "FirstSeenAt" INTEGER NOT NULL,
    "LastSeenAt" INTEGER NOT NULL,
    "WelcomedAt" INTEGER NULL
);

CREATE TABLE "People" (
    "AadObjectId" TEXT NOT NULL CONSTRAINT "PK_People" PRIMARY KEY,
    "TenantId" TEXT NULL,
    "Name" TEXT NULL,
    "TeamsUserId" TEXT NULL,
    "Locale" TEXT NULL,
    "FirstSeenAt" INTEGER NOT NULL,
    "LastSeenAt" INTEGER NOT NULL
);

CREATE TABLE "TeamAudit" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_TeamAudit" PRIMARY KEY AUTOINCREMENT,
    "TeamId" TEXT NOT NULL,
    "At" INTEGER NOT NULL,
    "ActorAadObjectId" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "SubjectAadObjectId" TEXT NULL,
    "SocialChannelId" INTEGER NULL,
    "Details" TEXT NULL
);

CREATE TABLE "Teams" (
    "TeamId" TEXT NOT NULL CONSTRAINT "PK_Teams" PRIMARY KEY,
    "TenantId" TEXT NULL,
    "Name" TEXT NULL,
    "TimeZoneId" TEXT NOT NULL,
    "Language" TEXT NULL,
    "HomeTeamsChannelId" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL
);

CREATE TABLE "Posts" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Posts" PRIMARY KEY,
    "TeamId" TEXT NOT NULL,
    "AuthorAadObjectId" TEXT NOT NULL,
    "WorkingTitle" TEXT NOT NULL,
    "BaseText" TEXT NOT NULL,
    "Department" TEXT NULL,
    "Tags" TEXT NOT NULL,
    "Links" TEXT NOT NULL,
    "MediaReferences" TEXT NOT NULL,
    "Reviewers" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "CurrentRevision" INTEGER NOT NULL,
    "PlannedPublishAt" INTEGER NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_Posts_Teams_TeamId" FOREIGN KEY ("TeamId") REFERENCES "Teams" ("TeamId") ON DELETE RESTRICT
);

CREATE TABLE "SocialChannels" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SocialChannels" PRIMARY KEY AUTOINCREMENT,
    "TeamId" TEXT NOT NULL,
    "Platform" TEXT NOT NULL,
    "Handle" TEXT NOT NULL,
    "Url" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "IsArchived" INTEGER NOT NULL,
    CONSTRAINT "FK_SocialChannels_Teams_TeamId" FOREIGN KEY ("TeamId") REFERENCES "Teams" ("TeamId") ON DELETE CASCADE
);

CREATE TABLE "TeamMemberships" (
    "TeamId" TEXT NOT NULL,
    "AadObjectId" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "Since" INTEGER NOT NULL,
    CONSTRAINT "PK_TeamMemberships" PRIMARY KEY ("TeamId", "AadObjectId"),
    CONSTRAINT "FK_TeamMemberships_Teams_TeamId" FOREIGN KEY ("TeamId") REFERENCES "Teams" ("TeamId") ON DELETE CASCADE
);

CREATE TABLE "PostAuditEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PostAuditEntries" PRIMARY KEY AUTOINCREMENT,
    "Sequence" INTEGER NOT NULL,
    "At" INTEGER NOT NULL,
    "ActorAadObjectId" TEXT NOT NULL,
    "Revision" INTEGER NOT NULL,
    "Action" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Comment" TEXT NULL,
    "Details" TEXT NULL,
    "PostId" TEXT NOT NULL,
    CONSTRAINT "FK_PostAuditEntries_Posts_PostId" FOREIGN KEY ("PostId") REFERENCES "Posts" ("Id") ON DELETE CASCADE
);

CREATE TABLE "PostComments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PostComments" PRIMARY KEY AUTOINCREMENT,
    "Sequence" INTEGER NOT NULL,
    "AuthorAadObjectId" TEXT NOT NULL,
    "Revision" INTEGER NOT NULL,
    "Text" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "PostId" TEXT NOT NULL,
    CONSTRAINT "FK_PostComments_Posts_PostId" FOREIGN KEY ("PostId") REFERENCES "Posts" ("Id") ON DELETE CASCADE
);

CREATE TABLE "PostReviewDecisions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PostReviewDecisions" PRIMARY KEY AUTOINCREMENT,
    "Sequence" INTEGER NOT NULL,
    "ReviewerAadObjectId" TEXT NOT NULL,
    "Revision" INTEGER NOT NULL,
    "Verdict" TEXT NOT NULL,
    "Comment" TEXT NULL,
    "DecidedAt" INTEGER NOT NULL,
    "LevelName" TEXT NULL,
    "ConfirmedChecklistItems" TEXT NOT NULL,
    "PostId" TEXT NOT NULL,
    CONSTRAINT "FK_PostReviewDecisions_Posts_PostId" FOREIGN KEY ("PostId") REFERENCES "Posts" ("Id") ON DELETE CASCADE
);

CREATE TABLE "PostRevisions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PostRevisions" PRIMARY KEY AUTOINCREMENT,
    "Number" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "PostId" TEXT NOT NULL,
    CONSTRAINT "FK_PostRevisions_Posts_PostId" FOREIGN KEY ("PostId") REFERENCES "Posts" ("Id") ON DELETE CASCADE
);

CREATE TABLE "CadenceGoals" (
    "SocialChannelId" INTEGER NOT NULL CONSTRAINT "PK_CadenceGoals" PRIMARY KEY,
    "TeamId" TEXT NOT NULL,
    "PostsPerWeek" INTEGER NOT NULL,
    "EngagementRateTarget" TEXT NULL,
    CONSTRAINT "FK_CadenceGoals_SocialChannels_SocialChannelId" FOREIGN KEY ("SocialChannelId") REFERENCES "SocialChannels" ("Id") ON DELETE CASCADE
);

CREATE TABLE "PostVariants" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PostVariants" PRIMARY KEY AUTOINCREMENT,
    "SocialChannelId" INTEGER NOT NULL,
    "Platform" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "FollowsBaseText" INTEGER NOT NULL,
    "LiveUrl" TEXT NULL,
    "PublishedAt" INTEGER NULL,
    "PublishedBy" TEXT NULL,
    "PostId" TEXT NOT NULL,
    CONSTRAINT "FK_PostVariants_Posts_PostId" FOREIGN KEY ("PostId") REFERENCES "Posts" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_PostVariants_SocialChannels_SocialChannelId" FOREIGN KEY ("SocialChannelId") REFERENCES "SocialChannels" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "SocialChannelAssignments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SocialChannelAssignments" PRIMARY KEY AUTOINCREMENT,
    "TeamId" TEXT NOT NULL,
    "SocialChannelId" INTEGER NOT NULL,
    "AadObjectId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Since" INTEGER NOT NULL,
    CONSTRAINT "FK_SocialChannelAssignments_SocialChannels_SocialChannelId" FOREIGN KEY ("SocialChannelId") REFERENCES "SocialChannels" ("Id") ON DELETE CASCADE
);

CREATE TABLE "PostRevisionTexts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PostRevisionTexts" PRIMARY KEY AUTOINCREMENT,
    "SocialChannelId" INTEGER NOT NULL,
    "Platform" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "RevisionId" INTEGER NOT NULL,
    CONSTRAINT "FK_PostRevisionTexts_PostRevisions_RevisionId" FOREIGN KEY ("RevisionId") REFERENCES "PostRevisions" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Absences_TeamId_AadObjectId_LastDay" ON "Absences" ("TeamId", "AadObjectId", "LastDay");

CREATE INDEX "IX_Conversations_TeamId" ON "Conversations" ("TeamId");

CREATE INDEX "IX_Conversations_UserAadObjectId" ON "Conversations" ("UserAadObjectId");

CREATE INDEX "IX_PostAuditEntries_PostId_Sequence" ON "PostAuditEntries" ("PostId", "Sequence");

CREATE INDEX "IX_PostComments_PostId_Sequence" ON "PostComments" ("PostId", "Sequence");

CREATE INDEX "IX_PostReviewDecisions_PostId_Sequence" ON "PostReviewDecisions" ("PostId", "Sequence");

CREATE INDEX "IX_PostRevisions_PostId_Number" ON "PostRevisions" ("PostId", "Number");

CREATE INDEX "IX_PostRevisionTexts_RevisionId" ON "PostRevisionTexts" ("RevisionId");

CREATE INDEX "IX_Posts_PlannedPublishAt" ON "Posts" ("PlannedPublishAt");

CREATE INDEX "IX_Posts_TeamId_Status" ON "Posts" ("TeamId", "Status");

CREATE INDEX "IX_PostVariants_PostId_SocialChannelId" ON "PostVariants" ("PostId", "SocialChannelId");

CREATE INDEX "IX_PostVariants_SocialChannelId" ON "PostVariants" ("SocialChannelId");

CREATE UNIQUE INDEX "IX_SocialChannelAssignments_OneOwner" ON "SocialChannelAssignments" ("SocialChannelId") WHERE "Kind" = 'Owner';

CREATE UNIQUE INDEX "IX_SocialChannelAssignments_SocialChannelId_AadObjectId" ON "SocialChannelAssignments" ("SocialChannelId", "AadObjectId");

CREATE INDEX "IX_SocialChannelAssignments_TeamId_AadObjectId" ON "SocialChannelAssignments" ("TeamId", "AadObjectId");

CREATE UNIQUE INDEX "IX_SocialChannels_TeamId_Platform_Handle" ON "SocialChannels" ("TeamId", "Platform", "Handle");

CREATE INDEX "IX_TeamAudit_TeamId_At" ON "TeamAudit" ("TeamId", "At");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123164506_InitialCreate', '10.0.15');

