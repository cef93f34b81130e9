using System.Globalization;
using System.Net;
using System.Text.Json;
using Bot.EndToEndTests.Calendar;
using Bot.Protocol.Schema;
using Bot.Testing;
using Microsoft.Playwright;

namespace Bot.EndToEndTests;

/// <summary>
/// Issue 19's content calendar tab in Chromium, loaded from the running bot inside a fake Teams client that answers
/// teams-js as Teams does and hands out tokens from the fake Entra issuer: Teams SSO end to end, in German. Each test
/// plans its posts in a week of its own, weeks ahead, so they never meet.
/// </summary>
[Collection(CalendarTabCollection.Name)]
public sealed class CalendarTabTests(CalendarTabEnvironment environment)
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");
    private static string Team => TeamsActivities.TeamId;
    private static DateOnly WeekAhead(int weeks) => CalendarTabEnvironment.MondayOf(CalendarTabEnvironment.TodayInBerlin()).AddDays(7 * weeks);

    [Fact]
    public async Task Posts_sit_on_their_day_and_time_in_the_teams_zone_on_both_sides_of_the_DST_change()
    {
        var sunday = NextSpringForward(CalendarTabEnvironment.TodayInBerlin().AddDays(3));
        var saturday = sunday.AddDays(-1);
        var monday = sunday.AddDays(1);
        var winter = await environment.SubmittedPostAsync(CalendarTabEnvironment.Ben, "Frühlingsanfang", saturday, "09:00", "instagram");
        var summer = await environment.SubmittedPostAsync(CalendarTabEnvironment.Ben, "Sommerzeit", monday, "00:30", "instagram");
        // Stored in UTC: 08:00 on Saturday (CET, +1) and still Sunday 22:30 for the Monday post (CEST, +2).
        Assert.Equal(new DateTimeOffset(saturday.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero), environment.PlannedAt(winter));
        Assert.Equal(new DateTimeOffset(sunday.ToDateTime(new TimeOnly(22, 30)), TimeSpan.Zero), environment.PlannedAt(summer));

        var page = await environment.OpenInTeamsAsync(environment.Scenario(CalendarTabEnvironment.Ben, Team, path: $"/tab/calendar?date={Iso(saturday)}"));
        var tab = Tab(page);
        await Expect(tab.Locator("h1")).ToHaveTextAsync("Redaktionskalender: Social Media");

        await Expect(Chip(tab, "Instagram", saturday, "Frühlingsanfang")).ToContainTextAsync("09:00");
        await Expect(Lane(tab, "Instagram").Locator(".post")).ToHaveCountAsync(1);
        await Expect(tab.Locator($"[role=columnheader][data-date='{Iso(sunday)}']")).ToBeVisibleAsync();

        await tab.GetByRole(AriaRole.Button, new() { Name = "Nächste Woche ›" }).ClickAsync();
        var mondayChip = Chip(tab, "Instagram", monday, "Sommerzeit");
        await Expect(mondayChip).ToContainTextAsync("00:30");
        await Expect(mondayChip).ToContainTextAsync("In Freigabe");
        await Expect(mondayChip).ToContainTextAsync("Ben Wagner");
        await Expect(mondayChip).ToContainTextAsync("Instagram");
        await Expect(Lane(tab, "Instagram").Locator(".post")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_gap_against_the_weekly_goal_is_marked_on_the_days_the_api_names()
    {
        var monday = WeekAhead(3);
        await environment.SubmittedPostAsync(CalendarTabEnvironment.Ben, "Lückenbüßer", monday.AddDays(1), "09:00", "instagram");
        var calendar = await ApiAsync(CalendarTabEnvironment.Anna, $"/api/tab/calendar?from={Iso(monday)}&to={Iso(monday.AddDays(6))}&team={Uri.EscapeDataString(Team)}");
        var instagram = calendar.GetProperty("lanes").EnumerateArray().Single(lane => lane.GetProperty("platform").GetString() == "Instagram");
        var gapDays = instagram.GetProperty("gapDays").EnumerateArray().Select(day => day.GetString()!).ToList();
        Assert.NotEmpty(gapDays);

        var page = await environment.OpenInTeamsAsync(environment.Scenario(CalendarTabEnvironment.Anna, Team, path: $"/tab/calendar?date={Iso(monday)}"));
        var tab = Tab(page);
        var lane = Lane(tab, "Instagram");
        await Expect(lane.Locator("[role=rowheader]")).ToContainTextAsync("Ziel: 3 pro Woche");
        await Expect(lane.Locator("[role=rowheader]")).ToContainTextAsync("1 von 3 geplant");
        var markers = lane.Locator(".gap-marker");
        await Expect(markers).ToHaveCountAsync(gapDays.Count);
        Assert.Equal(gapDays, await lane.Locator("[role=gridcell]:has(.gap-marker)").EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.date)"));
        // A word, not only a colour: the marker reads "Lücke" and tells screen readers what it means.
        Assert.All(await markers.AllInnerTextsAsync(), text => Assert.Contains("Lücke", text, StringComparison.Ordinal));
        Assert.Contains("weniger Beiträge geplant als das Wochenziel", await markers.First.TextContentAsync(), StringComparison.Ordinal);
        await Expect(Lane(tab, "LinkedIn").Locator(".gap-marker")).ToHaveCountAsync(0);
        await Expect(Lane(tab, "LinkedIn").Locator("[role=rowheader]")).ToContainTextAsync("Kein Wochenziel");

        // Teams switches to high contrast while the tab is open.
        await Expect(tab.Locator("html")).ToHaveAttributeAsync("data-theme", "default");
        await page.EvaluateAsync("window.changeTheme('contrast')");
        await Expect(tab.Locator("html")).ToHaveAttributeAsync("data-theme", "contrast");
    }

    [Fact]
    public async Task An_editor_moves_her_post_by_drag_and_drop_and_by_the_time_field_and_the_approval_card_and_reminders_follow()
    {
        var monday = WeekAhead(4);
        var postId = await environment.SubmittedPostAsync(CalendarTabEnvironment.Ben, "Wochenendgruß", monday.AddDays(1), "09:00", "instagram", "linkedin");
        var card = await environment.ApprovalCardAsync("Wochenendgruß");

        var page = await environment.OpenInTeamsAsync(environment.Scenario(CalendarTabEnvironment.Ben, Team, path: $"/tab/calendar?date={Iso(monday)}"));
        var tab = Tab(page);
        var chip = Chip(tab, "Instagram", monday.AddDays(1), "Wochenendgruß");
        await Expect(chip).ToHaveAttributeAsync("draggable", "true");

        // Drag and drop to Thursday: the day changes, the time stays.
        var thursday = monday.AddDays(3);
        await chip.DragToAsync(Cell(tab, "Instagram", thursday));
        await Expect(Chip(tab, "Instagram", thursday, "Wochenendgruß")).ToContainTextAsync("09:00");
        await Expect(Chip(tab, "LinkedIn", thursday, "Wochenendgruß")).ToBeVisibleAsync();
        await Expect(tab.Locator("#status")).ToContainTextAsync("ist auf");
        await AssertMovedAsync(postId, card, thursday, "09:00");

        // The accessible way: the date and time fields in the details.
        await Chip(tab, "Instagram", thursday, "Wochenendgruß").ClickAsync();
        var dialog = tab.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Auf einen anderen Termin verschieben");
        var friday = monday.AddDays(4);
        await dialog.GetByLabel("Datum").FillAsync(Iso(friday));
        await dialog.GetByLabel("Uhrzeit").FillAsync("10:30");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Verschieben" }).ClickAsync();
        await Expect(dialog.Locator("#move-message")).ToContainTextAsync("ist auf");
        await AssertMovedAsync(postId, card, friday, "10:30");

        // Into the past: the server refuses in the language the page asked for, and the page shows its reason.
        await dialog.GetByLabel("Datum").FillAsync(Iso(CalendarTabEnvironment.TodayInBerlin().AddDays(-1)));
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Verschieben" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Nicht verschoben: Die geplante Zeit muss in der Zukunft liegen.");
        Assert.Equal(PlannedUtc(friday, "10:30"), environment.PlannedAt(postId));

        // Escape closes the details, and focus returns to the post it was opened from.
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(Chip(tab, "Instagram", friday, "Wochenendgruß")).ToBeFocusedAsync();
        await Expect(Chip(tab, "Instagram", friday, "Wochenendgruß")).ToContainTextAsync("10:30");
    }

    [Fact]
    public async Task The_month_view_shows_every_day_of_the_month_and_the_filters_narrow_it_by_platform_person_and_state()
    {
        // A month far enough ahead that no other test of this class plans anything in it.
        var today = CalendarTabEnvironment.TodayInBerlin();
        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(7);
        var festival = await environment.SubmittedPostAsync(CalendarTabEnvironment.Ben, "Sommerfest", month.AddDays(1), "10:00", "instagram");
        await environment.SendAsync(Decision(CalendarTabEnvironment.Clara, "post.approve", festival, "Passt."));
        await environment.SubmittedPostAsync(CalendarTabEnvironment.Ben, "Rabattwoche", month.AddDays(2), "11:00", "linkedin");
        await environment.SubmittedPostAsync(CalendarTabEnvironment.Anna, "Teamausflug", month.AddDays(3), "12:00", "instagram");

        var page = await environment.OpenInTeamsAsync(environment.Scenario(CalendarTabEnvironment.Anna, Team, path: $"/tab/calendar?date={Iso(month)}"));
        var tab = Tab(page);
        await tab.GetByRole(AriaRole.Button, new() { Name = "Monat" }).ClickAsync();
        await Expect(tab.Locator("#range")).ToHaveTextAsync(month.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("de-DE")));
        await Expect(Lane(tab, "Instagram").Locator("[role=gridcell]")).ToHaveCountAsync(DateTime.DaysInMonth(month.Year, month.Month));
        await Expect(Chip(tab, "Instagram", month.AddDays(1), "Sommerfest")).ToContainTextAsync("Freigegeben");
        await Expect(Chip(tab, "LinkedIn", month.AddDays(2), "Rabattwoche")).ToContainTextAsync("In Freigabe");
        await Expect(Chip(tab, "Instagram", month.AddDays(3), "Teamausflug")).ToContainTextAsync("Anna Schmidt");
        var posts = tab.Locator("[role=grid] .post");
        await Expect(posts).ToHaveCountAsync(3);

        await tab.Locator("#filter-platform").SelectOptionAsync("LinkedIn");
        await Expect(Lane(tab, "Instagram")).ToHaveCountAsync(0);
        await Expect(posts).ToHaveCountAsync(1);
        await Expect(posts).ToContainTextAsync("Rabattwoche");
        await tab.Locator("#filter-platform").SelectOptionAsync(string.Empty);

        await tab.Locator("#filter-person").SelectOptionAsync(CalendarTabEnvironment.Anna.AadObjectId!);
        await Expect(posts).ToHaveCountAsync(1);
        await Expect(posts).ToContainTextAsync("Teamausflug");
        await tab.Locator("#filter-person").SelectOptionAsync(string.Empty);

        await tab.Locator("#filter-state").SelectOptionAsync("approved");
        await Expect(posts).ToHaveCountAsync(1);
        await Expect(posts).ToContainTextAsync("Sommerfest");
    }

    [Fact]
    public async Task A_viewer_sees_the_post_but_cannot_move_it()
    {
        var monday = WeekAhead(5);
        var postId = await environment.SubmittedPostAsync(CalendarTabEnvironment.Ben, "Nur zum Lesen", monday.AddDays(1), "11:00", "instagram");
        var planned = environment.PlannedAt(postId);

        var page = await environment.OpenInTeamsAsync(environment.Scenario(CalendarTabEnvironment.Dora, Team, path: $"/tab/calendar?date={Iso(monday)}"));
        var tab = Tab(page);
        var chip = Chip(tab, "Instagram", monday.AddDays(1), "Nur zum Lesen");
        await Expect(chip).ToContainTextAsync("11:00");
        await Expect(chip).ToHaveAttributeAsync("draggable", "false");

        var moves = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/move", StringComparison.Ordinal))
            {
                moves.Add(request.Url);
            }
        };
        await chip.DragToAsync(Cell(tab, "Instagram", monday.AddDays(3)));
        await chip.ClickAsync();
        var dialog = tab.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Nur die Autorin oder der Autor oder die Koordination kann diesen Beitrag verschieben.");
        await Expect(dialog.GetByLabel("Datum")).ToHaveCountAsync(0);
        Assert.Empty(moves);
        Assert.Equal(planned, environment.PlannedAt(postId));
    }

    [Fact]
    public async Task A_person_from_another_team_sees_nothing_of_it()
    {
        var monday = WeekAhead(6);
        await environment.SubmittedPostAsync(CalendarTabEnvironment.Ben, "Internes Thema", monday.AddDays(2), "08:00", "instagram");

        var channelTab = await environment.OpenInTeamsAsync(environment.Scenario(CalendarTabEnvironment.Erik, Team, path: $"/tab/calendar?date={Iso(monday)}"));
        var tab = Tab(channelTab);
        await Expect(tab.GetByRole(AriaRole.Alert)).ToContainTextAsync("Der Kalender dieses Teams steht dir nicht zur Verfügung.");
        await Expect(tab.Locator(".post")).ToHaveCountAsync(0);
        Assert.DoesNotContain("Internes Thema", await tab.Locator("body").InnerTextAsync(), StringComparison.Ordinal);

        var personal = Tab(await environment.OpenInTeamsAsync(environment.Scenario(CalendarTabEnvironment.Erik, path: $"/tab/calendar?date={Iso(monday)}")));
        await Expect(personal.Locator("h1")).ToHaveTextAsync("Mein Plan");
        await Expect(personal.Locator("#status")).ToContainTextAsync("Keine Social-Media-Kanäle");
        await Expect(personal.Locator(".post")).ToHaveCountAsync(0);
        Assert.DoesNotContain("Internes Thema", await personal.Locator("body").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("forged")]
    [InlineData("expired")]
    [InlineData("other audience")]
    public async Task A_forged_or_expired_token_gets_401_and_the_page_says_the_sign_in_failed(string kind)
    {
        var ben = CalendarTabEnvironment.Ben.AadObjectId!;
        Func<string> token = kind switch
        {
            "forged" => () => environment.Entra.MintToken(ben, CalendarTabEnvironment.Audience, new EntraTokenOptions { Forged = true }),
            "expired" => () => environment.Entra.MintToken(ben, CalendarTabEnvironment.Audience, new EntraTokenOptions { IssuedAt = DateTimeOffset.UtcNow.AddHours(-2), Expires = DateTimeOffset.UtcNow.AddMinutes(-30) }),
            _ => () => environment.Entra.MintToken(ben, FakeEntraIssuer.TabAudience("evil.example", CalendarTabEnvironment.AppId)),
        };
        var statuses = new List<int>();
        var page = await environment.OpenInTeamsAsync(environment.Scenario(CalendarTabEnvironment.Ben, Team, token));
        page.Response += (_, response) =>
        {
            if (response.Url.Contains("/api/tab/", StringComparison.Ordinal))
            {
                lock (statuses)
                {
                    statuses.Add(response.Status);
                }
            }
        };
        var tab = Tab(page);

        await Expect(tab.GetByRole(AriaRole.Alert)).ToContainTextAsync("Anmeldung fehlgeschlagen");
        await Expect(tab.Locator(".post")).ToHaveCountAsync(0);
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(environment.BotAddress, "api/tab/teams"));
        request.Headers.Authorization = new("Bearer", token());
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        lock (statuses)
        {
            Assert.DoesNotContain(200, statuses);
        }
    }

    [Fact]
    public async Task Outside_Teams_a_local_bot_offers_the_development_sign_in_and_says_so()
    {
        var monday = WeekAhead(9);
        await environment.SubmittedPostAsync(CalendarTabEnvironment.Ben, "Entwicklerblick", monday.AddDays(2), "12:15", "linkedin");
        var developmentBot = await environment.StartDevelopmentBotAsync();
        try
        {
            await ExpectDevelopmentSignInAsync(developmentBot, monday);
        }
        finally
        {
            environment.StopDevelopmentBots();
        }
    }

    private async Task ExpectDevelopmentSignInAsync(Uri developmentBot, DateOnly monday)
    {

        var page = await environment.OpenInBrowserAsync(new Uri(developmentBot, $"/tab/calendar?date={Iso(monday)}"));
        var banner = page.Locator("#dev-banner");
        await Expect(banner).ToContainTextAsync("Entwicklungs-Anmeldung");
        await Expect(banner).ToContainTextAsync("Nur auf diesem Rechner.");
        var picker = banner.GetByLabel("Angemeldet als");
        var people = await picker.Locator("option").AllInnerTextsAsync();
        foreach (var name in new[] { "Anna Schmidt", "Ben Wagner", "Clara Vogel", "Dora Klein", "Erik Berg" })
        {
            Assert.Contains(name, people);
        }

        await picker.SelectOptionAsync(new SelectOptionValue { Label = "Ben Wagner" });
        await Expect(page.Locator("h1")).ToHaveTextAsync("Mein Plan");
        var chip = page.Locator("[role=row].lane", new() { HasText = "LinkedIn" }).Locator($"[role=gridcell][data-date='{Iso(monday.AddDays(2))}'] .post");
        await Expect(chip).ToContainTextAsync("Entwicklerblick");
        await Expect(chip).ToContainTextAsync("12:15");

        // Erik, of another team, sees his own (empty) plan and nothing of Ben's.
        await picker.SelectOptionAsync(new SelectOptionValue { Label = "Erik Berg" });
        await Expect(page.Locator("#status")).ToContainTextAsync("Keine Social-Media-Kanäle");
        await Expect(page.Locator(".post")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_channel_tabs_configuration_page_saves_the_teams_calendar()
    {
        var scenario = environment.Scenario(CalendarTabEnvironment.Anna, Team, path: "/tab/config") with { FrameContext = "settings" };
        // The configuration page reads the team from the context, not from its address.
        scenario = scenario with { TabUrl = new Uri(environment.BotAddress, "/tab/config") };
        var page = await environment.OpenInTeamsAsync(scenario);
        await Expect(Tab(page).Locator("h1")).ToHaveTextAsync("Redaktionskalender");
        await page.WaitForFunctionAsync("window.hostLog.some(m => m.func === 'settings.setValidityState' && m.args[0] === true)");

        await page.EvaluateAsync("window.pressSave()");
        await page.WaitForFunctionAsync("window.savedSettings !== null");
        var saved = await page.EvaluateAsync<JsonElement>("window.savedSettings");
        Assert.Equal(new Uri(environment.BotAddress, $"/tab/calendar?team={Uri.EscapeDataString(Team)}").AbsoluteUri, saved.GetProperty("contentUrl").GetString());
        Assert.Equal("Redaktionskalender", saved.GetProperty("suggestedDisplayName").GetString());
    }

    /// <summary>
    /// The README's pictures, in German: the week view with an approved post on two social channels, one in review and
    /// the gaps against Instagram's goal, and that post's details. Written on every run, so they cannot drift.
    /// </summary>
    [Fact]
    public async Task German_week_view_and_details_work_by_keyboard_and_are_saved_as_the_readmes_screenshots()
    {
        var monday = WeekAhead(8);
        var advent = await environment.SubmittedPostAsync(CalendarTabEnvironment.Ben, "Adventsaktion", monday.AddDays(1), "09:00", "instagram", "linkedin");
        await environment.SendAsync(Decision(CalendarTabEnvironment.Clara, "post.approve", advent, "Passt, danke!"));
        await environment.SubmittedPostAsync(CalendarTabEnvironment.Ben, "Neujahrsgruß", monday.AddDays(3), "14:30", "linkedin");
        await environment.SubmittedPostAsync(CalendarTabEnvironment.Ben, "Blick hinter die Kulissen", monday.AddDays(4), "17:00", "instagram");

        var page = await environment.OpenInTeamsAsync(environment.Scenario(CalendarTabEnvironment.Anna, Team, path: $"/tab/calendar?date={Iso(monday)}"));
        var tab = Tab(page);
        var chip = Chip(tab, "Instagram", monday.AddDays(1), "Adventsaktion");
        await Expect(chip).ToContainTextAsync("Freigegeben");
        await Expect(Chip(tab, "LinkedIn", monday.AddDays(3), "Neujahrsgruß")).ToContainTextAsync("In Freigabe");
        await Expect(tab.GetByRole(AriaRole.Grid)).ToBeVisibleAsync();
        await SaveScreenshotAsync(page.Locator("#tab"), "calendar-week-de.png");

        // By keyboard: one tab stop into the grid, arrows to Tuesday's Instagram cell, Enter into it, Enter opens.
        var grid = tab.GetByRole(AriaRole.Grid);
        await grid.Locator("[tabindex='0']").FocusAsync();
        await Expect(tab.Locator("[role=gridcell][tabindex='0'], [role=rowheader][tabindex='0'], [role=columnheader][tabindex='0']")).ToHaveCountAsync(1);
        foreach (var key in new[] { "Control+Home", "ArrowDown", "ArrowRight", "ArrowRight" })
        {
            await page.Keyboard.PressAsync(key);
        }

        await Expect(Cell(tab, "Instagram", monday.AddDays(1))).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(chip).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        var dialog = tab.GetByRole(AriaRole.Dialog, new() { Name = "Adventsaktion" });
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Schließen" })).ToBeFocusedAsync();
        foreach (var text in new[] { "Freigegeben", "Ben Wagner", "Texte je Social-Media-Kanal", "Instagram @contoso_de (Instagram)", "LinkedIn contoso-gmbh (LinkedIn)", "Vom 1. bis 24. Dezember", "Freigebende", "Clara Vogel", "Entscheidungen", "Clara Vogel hat freigegeben", "Passt, danke!", "Kommentare", "Europe/Berlin" })
        {
            await Expect(dialog).ToContainTextAsync(text);
        }

        await Expect(dialog.GetByLabel("Uhrzeit")).ToHaveValueAsync("09:00");
        var cardLink = dialog.GetByRole(AriaRole.Link, new() { Name = "Freigabekarte im Kanal öffnen" });
        Assert.StartsWith("https://teams.microsoft.com/l/message/", await cardLink.GetAttributeAsync("href"), StringComparison.Ordinal);
        await SaveScreenshotAsync(tab.Locator("dialog"), "calendar-details-de.png");
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(chip).ToBeFocusedAsync();
    }

    private async Task AssertMovedAsync(Guid postId, ConnectorCall card, DateOnly day, string time)
    {
        var expected = PlannedUtc(day, time);
        await CalendarTabEnvironment.EventuallyAsync(() => environment.PlannedAt(postId) == expected ? "moved" : null, $"the post planned at {expected:u}");
        // The chat's approval card in the channel, updated in place with the new slot, as the chat's own move does it.
        var shown = $"{day.ToString("dd.MM.yyyy", German)} um {time}";
        await CalendarTabEnvironment.EventuallyAsync(
            () => environment.Connector.Calls.FirstOrDefault(call => call.Kind == CallKind.Update && call.ActivityId == card.AssignedId && call.VisibleText.Contains(shown, StringComparison.Ordinal)),
            $"the approval card updated to {shown}");
        // The reminder at the planned time moved with it.
        await CalendarTabEnvironment.EventuallyAsync(() => environment.NextReminder(postId, "PlannedTime") == expected ? "rescheduled" : null, $"the planned-time reminder at {expected:u}");
    }

    private async Task<JsonElement> ApiAsync(ChannelAccount person, string path)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(environment.BotAddress, path));
        request.Headers.Authorization = new("Bearer", environment.Entra.MintToken(person.AadObjectId!, CalendarTabEnvironment.Audience));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private Activity Decision(ChannelAccount reviewer, string verb, Guid postId, string comment)
    {
        var activity = environment.Activities.CardAction(verb, new Dictionary<string, string> { ["postId"] = postId.ToString("D"), ["revision"] = "1", ["comment"] = comment }, "de-DE", inChannel: true);
        activity.From = reviewer;
        activity.ChannelData = new
        {
            tenant = new { id = TeamsActivities.TenantId },
            team = new { id = TeamsActivities.TeamId },
            channel = new { id = TeamsActivities.ChannelConversationId },
        };
        return activity;
    }

    private static DateTimeOffset PlannedUtc(DateOnly day, string time)
    {
        var local = day.ToDateTime(TimeOnly.ParseExact(time, "HH:mm", CultureInfo.InvariantCulture));
        return new DateTimeOffset(local, CalendarTabEnvironment.Berlin.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The next Sunday on which Berlin moves its clocks forward (the last Sunday of March), on or after <paramref name="after"/>.</summary>
    private static DateOnly NextSpringForward(DateOnly after)
    {
        for (var year = after.Year; ; year++)
        {
            var day = new DateOnly(year, 3, 31);
            while (day.DayOfWeek != DayOfWeek.Sunday)
            {
                day = day.AddDays(-1);
            }

            if (day.AddDays(-1) > after)
            {
                return day;
            }
        }
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static IFrameLocator Tab(IPage page) => page.FrameLocator("#tab");

    private static ILocator Lane(IFrameLocator tab, string platform) =>
        tab.Locator("[role=row].lane").Filter(new() { Has = tab.Locator(".lane-platform", new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^{platform}$") }) });

    private static ILocator Cell(IFrameLocator tab, string platform, DateOnly day) => Lane(tab, platform).Locator($"[role=gridcell][data-date='{Iso(day)}']");

    private static ILocator Chip(IFrameLocator tab, string platform, DateOnly day, string title) =>
        Cell(tab, platform, day).Locator(".post").Filter(new() { Has = tab.Locator(".title", new() { HasText = title }) });

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static async Task SaveScreenshotAsync(ILocator locator, string name)
    {
        var artifacts = Path.Combine(PlaygroundEnvironment.RepositoryRoot, "artifacts", "screenshots");
        var docs = Path.Combine(PlaygroundEnvironment.RepositoryRoot, "docs", "screenshots");
        Directory.CreateDirectory(artifacts);
        Directory.CreateDirectory(docs);
        await locator.Page.EvaluateAsync("document.fonts.ready");
        await locator.ScreenshotAsync(new() { Path = Path.Combine(artifacts, name), Animations = ScreenshotAnimations.Disabled });
        File.Copy(Path.Combine(artifacts, name), Path.Combine(docs, name), overwrite: true);
    }
}
