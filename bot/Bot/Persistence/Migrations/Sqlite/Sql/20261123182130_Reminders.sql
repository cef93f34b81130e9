CREATE TABLE "TeamReminderSettings" (
    "TeamId" TEXT NOT NULL CONSTRAINT "PK_TeamReminderSettings" PRIMARY KEY,
    "SettingsJson" TEXT NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "UpdatedByAadObjectId" TEXT NULL,
    CONSTRAINT "FK_TeamReminderSettings_Teams_TeamId" FOREIGN KEY ("TeamId") REFERENCES "Teams" ("TeamId") ON DELETE CASCADE
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123182130_Reminders', '10.0.15');

