namespace Bot.Teams;

/// <summary>A person named in a command: by @mention (Teams gives their id) or by a name to look up.</summary>
public abstract record PersonReference(string Name);

public sealed record MentionedPerson(string UserId, string Name) : PersonReference(Name);

public sealed record NamedPerson(string Name) : PersonReference(Name);
