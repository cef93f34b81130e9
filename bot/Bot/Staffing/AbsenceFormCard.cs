using Bot.Localization;
using Bot.Protocol.AdaptiveCards;
using Bot.Teams;

namespace Bot.Staffing;

/// <summary>
/// The form behind a bare <c>away</c>: who, from when to when, who covers. Choices carry Teams user ids, which the
/// server checks against the team's member list again on submit: card data is never trusted.
/// </summary>
public static class AbsenceFormCard
{
    public const string PersonInput = "person";
    public const string FirstDayInput = "firstDay";
    public const string LastDayInput = "lastDay";
    public const string CoverInput = "cover";

    public static AdaptiveCard Create(IReadOnlyList<TeamMember> members, string defaultPersonUserId, DateOnly today)
    {
        var people = members.OrderBy(m => m.Name, StringComparer.CurrentCultureIgnoreCase).Select(m => new Choice(m.Name, m.UserId)).ToList();
        return new AdaptiveCard
        {
            Body =
            [
                new TextBlock(Texts.AbsenceFormTitle) { Size = "Large", Weight = "Bolder" },
                new InputChoiceSet { Id = PersonInput, Label = Texts.AbsenceFormPerson, Value = defaultPersonUserId, Style = "compact", Choices = people },
                new InputDate { Id = FirstDayInput, Label = Texts.AbsenceFormFirstDay, Value = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), IsRequired = true, ErrorMessage = Texts.DateRequired },
                new InputDate { Id = LastDayInput, Label = Texts.AbsenceFormLastDay, IsRequired = true, ErrorMessage = Texts.DateRequired },
                new InputChoiceSet { Id = CoverInput, Label = Texts.AbsenceFormCover, Value = string.Empty, Style = "compact", Choices = [new Choice(Texts.AbsenceFormNoCover, string.Empty), .. people] },
                new ActionSet { Actions = [new ActionExecute { Title = Texts.AbsenceFormSubmit, Verb = RecordAbsenceAction.Verb }] },
            ],
        };
    }

    /// <summary>What the bot answers on the card after a submit: the outcome in one line, no stale form.</summary>
    public static AdaptiveCard Outcome(string message) => new()
    {
        Body = [new TextBlock(Texts.AbsenceFormTitle) { Weight = "Bolder" }, new TextBlock(message)],
    };
}
