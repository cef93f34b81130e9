using Bot.Delivery;
using Bot.Persistence;
using Bot.Protocol.Schema;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Delivery;

/// <summary>
/// Remembering the conversation and the person on a real SQLite file: a turn that brings nothing new reads without
/// tracking and writes nothing; a turn that brings something new still stores it.
/// </summary>
public sealed class ConversationDirectoryTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"bot-conversations-{Guid.NewGuid():N}.db");
    private readonly FakeTimeProvider _time = new(Now);

    public ConversationDirectoryTests()
    {
        using var db = NewContext();
        db.Database.EnsureCreated();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    [Fact]
    public async Task A_turn_that_brings_nothing_new_tracks_nothing_and_saves_nothing()
    {
        await RememberAsync(Message("en-US"));
        _time.Advance(TimeSpan.FromMinutes(1));

        await using var db = NewContext();
        var saves = 0;
        db.SavingChanges += (_, _) => saves++;
        await new ConversationDirectory(db, _time).RememberAsync(Message("en-US"), CancellationToken.None);

        Assert.Empty(db.ChangeTracker.Entries());
        Assert.Equal(0, saves);
    }

    [Fact]
    public async Task A_new_locale_or_name_is_stored_and_last_seen_moves_after_five_minutes()
    {
        await RememberAsync(Message("en-US"));
        _time.Advance(TimeSpan.FromMinutes(6));

        await RememberAsync(Message("de-DE", name: "Anna Schmidt-Berg"));

        await using var db = NewContext();
        var conversation = await db.Conversations.SingleAsync();
        var person = await db.People.SingleAsync();
        Assert.Equal(("de-DE", "de-DE", "Anna Schmidt-Berg"), (conversation.Locale, person.Locale, person.Name));
        Assert.Equal((Now, Now.AddMinutes(6)), (conversation.FirstSeenAt, conversation.LastSeenAt));
        Assert.Equal(Now.AddMinutes(6), person.LastSeenAt);
    }

    [Fact]
    public async Task Last_seen_stays_within_five_minutes_when_nothing_else_changed()
    {
        await RememberAsync(Message("en-US"));
        _time.Advance(TimeSpan.FromMinutes(4));

        await RememberAsync(Message("en-US"));

        await using var db = NewContext();
        Assert.Equal(Now, (await db.Conversations.SingleAsync()).LastSeenAt);
        Assert.Equal(Now, (await db.People.SingleAsync()).LastSeenAt);
    }

    private async Task RememberAsync(Activity activity)
    {
        await using var db = NewContext();
        await new ConversationDirectory(db, _time).RememberAsync(activity, CancellationToken.None);
    }

    private static Activity Message(string locale, string name = "Anna Schmidt") => new()
    {
        Type = ActivityTypes.Message,
        Id = Guid.NewGuid().ToString("N"),
        ChannelId = "msteams",
        ServiceUrl = "https://smba.trafficmanager.net/emea/",
        Locale = locale,
        From = new ChannelAccount("29:anna", name, "aad-anna"),
        Recipient = new ChannelAccount("28:bot", "Social Media Bot"),
        Conversation = new ConversationAccount { Id = "a:personal", ConversationType = ConversationTypes.Personal, TenantId = "tenant" },
        Text = "help",
    };

    private SqliteBotDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqliteBotDbContext>().UseSqlite($"Data Source={_file};Pooling=False").Options);
}
