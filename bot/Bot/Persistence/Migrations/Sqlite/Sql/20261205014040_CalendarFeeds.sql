CREATE TABLE "CalendarFeeds" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_CalendarFeeds" PRIMARY KEY,
    "Kind" TEXT NOT NULL,
    "AadObjectId" TEXT NOT NULL,
    "TeamId" TEXT NULL,
    "TokenHash" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "LastPolledAt" INTEGER NULL,
    "ContentHash" TEXT NULL,
    "ContentChangedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_CalendarFeeds_Teams_TeamId" FOREIGN KEY ("TeamId") REFERENCES "Teams" ("TeamId") ON DELETE CASCADE
);

CREATE INDEX "IX_CalendarFeeds_AadObjectId" ON "CalendarFeeds" ("AadObjectId");

CREATE INDEX "IX_CalendarFeeds_TeamId" ON "CalendarFeeds" ("TeamId");

CREATE UNIQUE INDEX "IX_CalendarFeeds_TokenHash" ON "CalendarFeeds" ("TokenHash");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261205014040_CalendarFeeds', '10.0.15');

