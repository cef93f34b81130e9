using Bot.Teams;

namespace Bot.Localization;

/// <summary>The words for the shared enumerations in the current language; each feature names its own (e.g. PostDisplayNames).</summary>
public static class DisplayNames
{
    public static string Role(TeamRole role) => role switch
    {
        TeamRole.Coordinator => Texts.RoleCoordinator,
        TeamRole.Editor => Texts.RoleEditor,
        TeamRole.Reviewer => Texts.RoleReviewer,
        _ => Texts.RoleViewer,
    };
}
