using System.Collections.Concurrent;

namespace Bot.Delivery;

/// <summary>
/// What <see cref="ConversationDirectory"/> last found stored for a conversation and its sender, and until when that
/// needs no write: most turns come from a conversation whose reference did not change, and reading both rows to find
/// that out was the largest database cost of a help turn after the claim. An entry lasts until the stored "last seen"
/// would be touched anyway (five minutes), so what is stored is the same as without it; a person's data erased on this
/// instance is forgotten here at once, on another instance within those minutes.
/// </summary>
public sealed class RecentlyRemembered(TimeProvider timeProvider)
{
    /// <summary>Beyond this many conversations and people the cache starts over rather than grow.</summary>
    private const int Capacity = 20_000;

    private readonly ConcurrentDictionary<(string ConversationId, string? AadObjectId), Entry> _entries = new();

    public bool IsCurrent(string conversationId, string? aadObjectId, string fingerprint) =>
        _entries.TryGetValue((conversationId, aadObjectId), out var entry)
        && entry.Fingerprint == fingerprint
        && timeProvider.GetUtcNow() < entry.Until;

    public void Remember(string conversationId, string? aadObjectId, string fingerprint, DateTimeOffset until)
    {
        if (_entries.Count >= Capacity)
        {
            _entries.Clear();
        }

        _entries[(conversationId, aadObjectId)] = new Entry(fingerprint, until);
    }

    public void Forget(string aadObjectId)
    {
        foreach (var key in _entries.Keys.Where(k => k.AadObjectId == aadObjectId))
        {
            _entries.TryRemove(key, out _);
        }
    }

    private sealed record Entry(string Fingerprint, DateTimeOffset Until);
}
