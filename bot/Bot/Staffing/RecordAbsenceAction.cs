using Bot.Protocol.AdaptiveCards;
using Bot.Turns;

namespace Bot.Staffing;

/// <summary>Submits the absence form: the same rules as the <c>away</c> command, checked on the server.</summary>
public sealed class RecordAbsenceAction(TeamCommands teamCommands) : ICardAction
{
    public string Verb => CardVerbs.RecordAbsence;

    public async Task<AdaptiveCard> ExecuteAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        var texts = request.Texts;
        var person = request.Input(AbsenceFormCard.PersonInput);
        var cover = request.Input(AbsenceFormCard.CoverInput);
        if (string.IsNullOrEmpty(person)
            || !CommandArguments.TryParseDate(request.Input(AbsenceFormCard.FirstDayInput) ?? string.Empty, out var firstDay)
            || !CommandArguments.TryParseDate(request.Input(AbsenceFormCard.LastDayInput) ?? string.Empty, out var lastDay)
            || lastDay < firstDay)
        {
            return AbsenceFormCard.Outcome(texts, texts.AbsenceFormInvalidDates);
        }

        var reply = await teamCommands.RecordAbsenceAsync(
            request.Turn,
            request.Team,
            new AwayCommand(new MentionedPerson(person, person), firstDay, lastDay, string.IsNullOrEmpty(cover) ? null : new MentionedPerson(cover, cover)),
            texts,
            cancellationToken);
        return AbsenceFormCard.Outcome(texts, reply);
    }
}
