using Bot.Staffing;
using Bot.Teams;
using Bot.Turns;

namespace Bot.Reminders;

public sealed record RemindersCommand : ChatCommand;

public sealed record SnoozeCommand(string PostId, TimeSpan Duration) : ChatCommand;

public sealed record ReminderSettingsCommand : ChatCommand;
