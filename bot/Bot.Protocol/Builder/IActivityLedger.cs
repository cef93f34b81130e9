namespace Bot.Protocol.Builder;

/// <summary>
/// Lets the product make each activity take effect once. Teams redelivers activities it thinks were slow, under the same
/// id; the adapter asks the ledger before running the bot and tells it the answer afterwards, so a second copy is
/// answered like the first without running again. Where the record is kept (and whether it commits together with the
/// turn's own changes) is the product's business.
/// </summary>
public interface IActivityLedger
{
    /// <summary>Called after authentication, before the bot runs: the earlier outcome for a copy seen before, else <c>null</c>.</summary>
    Task<ProcessedActivityOutcome?> BeginTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken);

    /// <summary>Called once the bot ran without error, with the answer the caller is about to get.</summary>
    Task CompleteTurnAsync(ITurnContext turnContext, ProcessedActivityOutcome outcome, CancellationToken cancellationToken);
}

/// <summary>How an activity was answered the first time: the HTTP status and, for invokes, the body as JSON.</summary>
public sealed record ProcessedActivityOutcome(int Status, string? InvokeResponseJson);
