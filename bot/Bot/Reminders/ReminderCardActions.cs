using Bot.Protocol.AdaptiveCards;
using Bot.Turns;

namespace Bot.Reminders;

/// <summary>The due-now card's "Mark published": records the live URL for one social channel.</summary>
public sealed class MarkPublishedAction(ReminderChat reminders) : ICardAction
{
    public string Verb => CardVerbs.MarkPublished;

    public Task<AdaptiveCard> ExecuteAsync(CardActionRequest request, CancellationToken cancellationToken) => reminders.MarkPublishedAsync(request, cancellationToken);
}

/// <summary>The missed-slot card's "Move to this time".</summary>
public sealed class MoveSlotAction(ReminderChat reminders) : ICardAction
{
    public string Verb => CardVerbs.MoveSlot;

    public Task<AdaptiveCard> ExecuteAsync(CardActionRequest request, CancellationToken cancellationToken) => reminders.MoveSlotAsync(request, cancellationToken);
}

/// <summary>The missed-slot card's "Withdraw".</summary>
public sealed class WithdrawAfterMissedSlotAction(ReminderChat reminders) : ICardAction
{
    public string Verb => CardVerbs.WithdrawAfterMissedSlot;

    public Task<AdaptiveCard> ExecuteAsync(CardActionRequest request, CancellationToken cancellationToken) => reminders.WithdrawAsync(request, cancellationToken);
}

/// <summary>The settings card's "Save".</summary>
public sealed class SaveReminderSettingsAction(ReminderChat reminders) : ICardAction
{
    public string Verb => CardVerbs.SaveReminderSettings;

    public Task<AdaptiveCard> ExecuteAsync(CardActionRequest request, CancellationToken cancellationToken) => reminders.SaveSettingsAsync(request, cancellationToken);
}
