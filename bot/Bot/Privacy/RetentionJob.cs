using Quartz;

namespace Bot.Privacy;

/// <summary>The nightly retention run, stored once in the persistent scheduler (registered by <c>AddPrivacy</c>).</summary>
[DisallowConcurrentExecution]
public sealed class RetentionJob(RetentionService retention) : IJob
{
    /// <summary>02:30 UTC: after midnight everywhere in Europe, long before anyone's working day.</summary>
    public const string Schedule = "0 30 2 * * ?";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await retention.ApplyAsync(cancellationToken);
}
