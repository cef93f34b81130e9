namespace Bot.Posts;

/// <summary>
/// One point of the team's social media guidelines a reviewer confirms when approving. The id is stable ("facts-checked")
/// so a renamed item still matches confirmations; the text is the coordinator's own wording.
/// </summary>
public sealed record ChecklistItem(string Id, string Text);

/// <summary>The team's review checklist. Empty means approving needs no confirmations.</summary>
public sealed class ReviewChecklist
{
    public ReviewChecklist(IEnumerable<ChecklistItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = items.ToList();
        if (list.Any(item => item is null || string.IsNullOrWhiteSpace(item.Id) || string.IsNullOrWhiteSpace(item.Text)))
        {
            throw new ArgumentException("Every checklist item needs an id and a text.", nameof(items));
        }

        if (list.Select(item => item.Id).Distinct(StringComparer.OrdinalIgnoreCase).Count() != list.Count)
        {
            throw new ArgumentException("Checklist item ids must be unique.", nameof(items));
        }

        Items = list;
    }

    public static ReviewChecklist None { get; } = new([]);

    public IReadOnlyList<ChecklistItem> Items { get; }

    /// <summary>The ids of the items not confirmed; confirmations of unknown ids (from an older card) count for nothing.</summary>
    public IReadOnlyList<string> Missing(IEnumerable<string> confirmedIds)
    {
        var confirmed = confirmedIds.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return Items.Where(item => !confirmed.Contains(item.Id)).Select(item => item.Id).ToList();
    }
}
