CREATE TABLE "CalendarFeeds" (
    "Id" uuid NOT NULL,
    "Kind" character varying(16) NOT NULL,
    "AadObjectId" text NOT NULL,
    "TeamId" text,
    "TokenHash" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "LastPolledAt" timestamp with time zone,
    "ContentHash" text,
    "ContentChangedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_CalendarFeeds" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_CalendarFeeds_Teams_TeamId" FOREIGN KEY ("TeamId") REFERENCES "Teams" ("TeamId") ON DELETE CASCADE
);

CREATE INDEX "IX_CalendarFeeds_AadObjectId" ON "CalendarFeeds" ("AadObjectId");

CREATE INDEX "IX_CalendarFeeds_TeamId" ON "CalendarFeeds" ("TeamId");

CREATE UNIQUE INDEX "IX_CalendarFeeds_TokenHash" ON "CalendarFeeds" ("TokenHash");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261205014042_CalendarFeeds', '10.0.15');

