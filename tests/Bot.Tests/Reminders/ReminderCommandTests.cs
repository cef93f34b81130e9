using Bot.Reminders;
using Bot.Turns;

namespace Bot.Tests.Reminders;

public sealed class ReminderCommandTests
{
    [Theory]
    [InlineData("snooze a1b2c3d4 2h", 120)]
    [InlineData("snooze #a1b2c3d4 30m", 30)]
    [InlineData("später a1b2c3d4 1d", 1440)]
    [InlineData("Spaeter A1B2C3D4 2std", 120)]
    [InlineData("später a1b2c3d4 1t", 1440)]
    [InlineData("snooze a1b2c3d4 14d", 20160)]
    public void Snooze_reads_the_post_and_the_duration_in_either_language(string text, int minutes)
    {
        var command = Assert.IsType<SnoozeCommand>(ChatCommandParser.Parse(text));

        Assert.Equal("a1b2c3d4", command.PostId, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(TimeSpan.FromMinutes(minutes), command.Duration);
    }

    [Theory]
    [InlineData("snooze a1b2c3d4")]
    [InlineData("snooze a1b2c3d4 soon")]
    [InlineData("snooze a1b2c3d4 0h")]
    [InlineData("snooze a1b2c3d4 15d")]
    [InlineData("snooze 2h")]
    public void Snooze_without_a_usable_duration_gets_its_usage(string text)
    {
        var command = Assert.IsType<MalformedCommand>(ChatCommandParser.Parse(text));

        Assert.Equal("snooze", command.Command.Id);
    }

    [Theory]
    [InlineData("reminders", typeof(RemindersCommand))]
    [InlineData("Erinnerungen", typeof(RemindersCommand))]
    [InlineData("settings", typeof(ReminderSettingsCommand))]
    [InlineData("einstellungen", typeof(ReminderSettingsCommand))]
    public void Reminder_commands_are_understood_in_english_and_german(string text, Type expected)
    {
        Assert.IsType(expected, ChatCommandParser.Parse(text));
    }
}
