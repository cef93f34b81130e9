using Bot.Staffing;
using Bot.Teams;
using Bot.Turns;

namespace Bot.Digest;

/// <summary>A coordinator wants today's digest in the team's channel now (it does not replace the scheduled one).</summary>
public sealed record DigestNowCommand : ChatCommand;

public sealed record DigestSettingsCommand : ChatCommand;
