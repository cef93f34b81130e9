using Bot.Delivery;
using Bot.Persistence;
using Bot.Protocol.Schema;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Delivery;

/// <summary>
/// Remembering the conversation and the person on a real SQLite file: a turn that brings nothing new reads without
/// tracking and writes nothing, and once the rows were read, does not read them again until "last seen" is due; a
/// turn that brings something new still stores it.
/// </summary>
public sealed class ConversationDirectoryTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"bot-conversations-{Guid.NewGuid():N}.db");
    private readonly FakeTimeProvider _time = new(Now);
    private readonly RecentlyRemembered _recentlyRemembered;
    private readonly QueryCounter _queries = new();

    public ConversationDirectoryTests()
    {
        _recentlyRemembered = new RecentlyRemembered(_time);
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
        await new ConversationDirectory(db, _recentlyRemembered, _time).RememberAsync(Message("en-US"), CancellationToken.None);

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

    [Fact]
    public async Task Once_read_unchanged_rows_are_not_read_again_until_last_seen_is_due()
    {
        await RememberAsync(Message("en-US"));
        await RememberAsync(Message("en-US"));
        var afterRead = _queries.Count;

        _time.Advance(TimeSpan.FromMinutes(4));
        await RememberAsync(Message("en-US"));
        Assert.Equal(afterRead, _queries.Count);

        _time.Advance(TimeSpan.FromMinutes(1));
        await RememberAsync(Message("en-US"));
        Assert.True(_queries.Count > afterRead, "five minutes after the row was last seen it is read and touched");
        await using var db = NewContext();
        Assert.Equal(Now.AddMinutes(5), (await db.Conversations.SingleAsync()).LastSeenAt);
        Assert.Equal(Now.AddMinutes(5), (await db.People.SingleAsync()).LastSeenAt);
    }

    [Fact]
    public async Task Right_after_a_turn_that_changed_nothing_a_new_service_url_is_still_stored()
    {
        await RememberAsync(Message("en-US"));
        await RememberAsync(Message("en-US"));

        await RememberAsync(Message("en-US", serviceUrl: "https://smba.trafficmanager.net/de/"));

        await using var db = NewContext();
        Assert.Equal("https://smba.trafficmanager.net/de/", (await db.Conversations.SingleAsync()).ServiceUrl);
    }

    [Fact]
    public async Task A_person_forgotten_after_erasure_is_remembered_again_by_their_next_message()
    {
        await RememberAsync(Message("en-US"));
        await RememberAsync(Message("en-US"));
        await using (var db = NewContext())
        {
            await db.Conversations.ExecuteDeleteAsync();
            await db.People.ExecuteDeleteAsync();
        }

        _recentlyRemembered.Forget("aad-anna");
        await RememberAsync(Message("en-US"));

        await using var check = NewContext();
        Assert.Equal("Anna Schmidt", (await check.People.SingleAsync()).Name);
        Assert.Equal("a:personal", (await check.Conversations.SingleAsync()).ConversationId);
    }

    private async Task RememberAsync(Activity activity)
    {
        await using var db = NewContext();
        await new ConversationDirectory(db, _recentlyRemembered, _time).RememberAsync(activity, CancellationToken.None);
    }

    private static Activity Message(string locale, string name = "Anna Schmidt", string serviceUrl = "https://smba.trafficmanager.net/emea/") => new()
    {
        Type = ActivityTypes.Message,
        Id = Guid.NewGuid().ToString("N"),
        ChannelId = "msteams",
        ServiceUrl = serviceUrl,
        Locale = locale,
        From = new ChannelAccount("29:anna", name, "aad-anna"),
        Recipient = new ChannelAccount("28:bot", "Social Media Bot"),
        Conversation = new ConversationAccount { Id = "a:personal", ConversationType = ConversationTypes.Personal, TenantId = "tenant" },
        Text = "help",
    };

    private SqliteBotDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqliteBotDbContext>().UseSqlite($"Data Source={_file};Pooling=False").AddInterceptors(_queries).Options);

    private sealed class QueryCounter : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        private int _count;

        public int Count => _count;

        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
            System.Data.Common.DbCommand command,
            Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData,
            Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader> result,
            CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return ValueTask.FromResult(result);
        }
    }
}
