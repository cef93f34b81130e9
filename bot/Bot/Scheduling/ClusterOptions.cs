using System.ComponentModel.DataAnnotations;

namespace Bot.Scheduling;

/// <summary>
/// How the instances of a clustered scheduler (PostgreSQL only) watch each other. An instance that has not checked in
/// for <see cref="CheckinInterval"/> plus <see cref="CheckinMisfireThreshold"/> is taken for dead, and another
/// instance recovers its jobs: shorter means faster take-over, but more database traffic and a risk of declaring a
/// slow (paused, overloaded) instance dead while it still runs.
/// </summary>
public sealed class ClusterOptions
{
    public const string SectionName = "Cluster";

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan CheckinInterval { get; set; } = TimeSpan.FromSeconds(15);

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan CheckinMisfireThreshold { get; set; } = TimeSpan.FromSeconds(15);
}
