using Bot.Teams;

namespace Bot.Posts;

/// <summary>
/// Who is acting, as the server knows them: build it from the <see cref="TeamMembership"/> stored for the team the
/// activity came from, never from card data.
/// </summary>
public sealed record Actor(string AadObjectId, string TeamId, TeamRole Role)
{
    public static Actor From(TeamMembership membership)
    {
        ArgumentNullException.ThrowIfNull(membership);
        return new(membership.AadObjectId, membership.TeamId, membership.Role);
    }

    public bool Is(string aadObjectId) => AadIds.Same(AadObjectId, aadObjectId);
}

internal static class AadIds
{
    // AAD object ids are GUIDs; Teams and Graph do not agree on their case.
    public static StringComparer Comparer => StringComparer.OrdinalIgnoreCase;

    public static bool Same(string? left, string? right) => Comparer.Equals(left, right);
}
