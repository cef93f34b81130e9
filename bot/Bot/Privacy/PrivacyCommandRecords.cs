using Bot.Staffing;
using Bot.Teams;
using Bot.Turns;

namespace Bot.Privacy;

/// <summary>A coordinator asks to erase someone who has left; answered with a confirmation card, nothing changes yet.</summary>
public sealed record ErasePersonCommand(PersonReference Person) : ChatCommand;

/// <summary>Someone asks for everything the bot stores about them.</summary>
public sealed record MyDataCommand : ChatCommand;
