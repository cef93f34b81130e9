namespace Bot.Staffing;

/// <summary>
/// A platform account the team publishes on ("social channel"), e.g. the Instagram account of one brand. Never
/// confuse with a Teams channel (<c>TeamsChannel…</c>), which is a chat room.
/// </summary>
public sealed class SocialChannel
{
    public int Id { get; init; }
    public required string TeamId { get; init; }
    public Platform Platform { get; set; }

    /// <summary>Account name or handle, e.g. <c>@contoso_de</c>; unique per team and platform.</summary>
    public required string Handle { get; set; }

    public string? Url { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public bool IsArchived { get; set; }

    public string DisplayName => $"{PlatformNames.Display(Platform)} {Handle}";
}
