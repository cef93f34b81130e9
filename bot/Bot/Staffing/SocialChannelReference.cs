namespace Bot.Staffing;

/// <summary>A social channel named in chat: a platform word ("insta"), and the handle when the team has several.</summary>
public sealed record SocialChannelReference(Platform Platform, string? Handle);
