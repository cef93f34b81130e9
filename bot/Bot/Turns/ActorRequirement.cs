namespace Bot.Turns;

/// <summary>Who may run a command or press a card button; the router settles the actor and refuses before any handler.</summary>
public enum ActorRequirement
{
    /// <summary>Anyone, in any conversation (help, my data); no team is looked up.</summary>
    None,

    /// <summary>A person acting in a team: the one the activity came from, or, in a personal chat, their only team.</summary>
    TeamMember,

    /// <summary>A team member whose role may write posts (editor, coordinator).</summary>
    Writer,

    /// <summary>A team member who is the team's coordinator.</summary>
    Coordinator,
}
