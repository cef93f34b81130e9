namespace Bot.Protocol.Builder;

/// <summary>
/// Lets the product make each activity take effect once. Teams redelivers activities it thinks were slow, under the same
/// id, and behind a load balancer two copies can reach two instances at the same moment. The adapter claims the
/// activity before the bot runs (a copy is answered from the claim instead of running) and records the answer after;
/// where the claims are kept is the product's business.
/// </summary>
public interface IActivityLedger
{
    /// <summary>
    /// Called after authentication, before the bot runs: <c>null</c> when this turn now holds the claim and may run, else
    /// how to answer this copy (the first copy's answer, or 200 with no effect while the first is still running).
    /// </summary>
    Task<ProcessedActivityOutcome?> BeginTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken);

    /// <summary>Called once the bot ran without error, with the answer the caller is about to get.</summary>
    Task CompleteTurnAsync(ITurnContext turnContext, ProcessedActivityOutcome outcome, CancellationToken cancellationToken);

    /// <summary>Called when the bot failed: the claim is given up, so that Teams' retry of the activity runs it again.</summary>
    Task AbandonTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken);
}

/// <summary>How an activity was answered the first time: the HTTP status and, for invokes, the body as JSON.</summary>
public sealed record ProcessedActivityOutcome(int Status, string? InvokeResponseJson);
