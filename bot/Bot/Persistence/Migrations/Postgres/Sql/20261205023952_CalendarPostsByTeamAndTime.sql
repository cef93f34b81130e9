CREATE INDEX "IX_Posts_TeamId_PlannedPublishAt" ON "Posts" ("TeamId", "PlannedPublishAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261205023952_CalendarPostsByTeamAndTime', '10.0.15');

