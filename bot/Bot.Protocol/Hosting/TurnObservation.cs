using Bot.Protocol.Schema;
using Microsoft.AspNetCore.Http;

namespace Bot.Protocol.Hosting;

/// <summary>
/// What <see cref="CloudAdapter"/> learned about one request to the messaging endpoint, for whoever measures turns from
/// outside it (tracing, metrics): the activity once it parsed, and whether it was a redelivery answered from the ledger.
/// The observer puts an instance on the request's features before the adapter runs and reads it afterwards; without one
/// the adapter does nothing extra, so a bot nobody watches pays a feature lookup and no allocation.
/// </summary>
public sealed class TurnObservation
{
    /// <summary>The activity, once the body parsed into one that can be answered; null for 400, 405, 413 and 429.</summary>
    public Activity? Activity { get; private set; }

    /// <summary>A copy of an activity already processed, answered from the ledger without running the bot.</summary>
    public bool Redelivered { get; private set; }

    public static TurnObservation? Of(HttpContext context) => context.Features.Get<TurnObservation>();

    public void Parsed(Activity activity) => Activity = activity;

    public void AnsweredFromLedger() => Redelivered = true;
}
