using Bot.Localization;
using Bot.Protocol.AdaptiveCards;
using Bot.Teams;
using Bot.Turns;

namespace Bot.Staffing;

public sealed record AwayCommand(PersonReference Person, DateOnly FirstDay, DateOnly LastDay, PersonReference? Cover) : ChatCommand;

/// <summary>A bare <c>away</c>: the absence form instead of a usage hint.</summary>
public sealed record AwayFormCommand : ChatCommand;

/// <summary>
/// <c>away</c>: someone is absent, optionally with a cover, who is told. Anyone records their own absence; a
/// coordinator records anyone's (the service checks). A bare <c>away</c> shows the absence form.
/// </summary>
public sealed class AwayHandler(AssignmentService assignments, StaffingConversation conversation, TeamRoster roster, TimeProvider timeProvider)
    : ICommandHandler<ChatCommand>
{
    public static CommandDefinition Command { get; } =
        new CommandDefinition("away", "away", "abwesend", () => Texts.CommandAwayDescription, CommandDefinition.TeamScopes, "@person 2026-12-20..2027-01-06 [cover @person]", "@person 20.12.2026..06.01.2027 [vertretung @person]", CommandArguments.Away)
        {
            Order = 60,
        }.Route<ChatCommand, AwayHandler>();

    public async Task HandleAsync(ChatCommand command, CommandTurn turn, CancellationToken cancellationToken)
    {
        if (command is AwayCommand away)
        {
            await turn.ReplyAsync(await RecordAsync(away, turn, cancellationToken), cancellationToken);
            return;
        }

        var team = turn.Actor.Team;
        var members = await roster.FirstMembersAsync(team, turn.Activity.ServiceUrl!, cancellationToken);
        await turn.ReplyAsync(AbsenceFormCard.Create(members, turn.Activity.From?.Id ?? string.Empty, Today(team)), cancellationToken);
    }

    private DateOnly Today(Team team) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(timeProvider.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(team.TimeZoneId)).DateTime);

    /// <summary>The absence as typed or as submitted with the form: the same rules either way.</summary>
    public async Task<string> RecordAsync(AwayCommand away, CommandTurn context, CancellationToken cancellationToken)
    {
        if (AbsenceRules.Problem(away.FirstDay, away.LastDay, Today(context.Actor.Team)) is { } impossible)
        {
            return impossible;
        }

        var (problem, member) = await conversation.ResolvePersonAsync(context, away.Person, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        TeamMember? cover = null;
        if (away.Cover is not null)
        {
            (problem, cover) = await conversation.ResolvePersonAsync(context, away.Cover, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }
        }

        var outcome = await assignments.RecordAbsenceAsync(context.Actor.Team.TeamId, context.Actor.AadObjectId, member!.AadObjectId, away.FirstDay, away.LastDay, cover?.AadObjectId, cancellationToken);
        if (outcome == ChangeOutcome.NotCoordinator)
        {
            return Texts.AbsenceForOthersNeedsCoordinator;
        }

        if (cover is not null)
        {
            var actorName = StaffingConversation.ActorName(context);
            await conversation.TellAsync(context, cover, () => Texts.FormatPersonalCoverNote(actorName, member.Name, LocalFormat.Date(away.FirstDay), LocalFormat.Date(away.LastDay), StaffingConversation.TeamName(context.Actor.Team)), cancellationToken);
        }

        string Confirmation() => cover is null
            ? Texts.FormatAbsenceRecordedWithoutCover(member.Name, LocalFormat.Date(away.FirstDay), LocalFormat.Date(away.LastDay))
            : Texts.FormatAbsenceRecorded(member.Name, LocalFormat.Date(away.FirstDay), LocalFormat.Date(away.LastDay), cover.Name);
        return await conversation.NoteAsync(context, Confirmation(), Confirmation, cancellationToken);
    }
}

/// <summary>Submits the absence form: the same rules as the <c>away</c> command, checked on the server.</summary>
[CardAction(Verb)]
public sealed class RecordAbsenceAction(AwayHandler away) : ICardAction
{
    public const string Verb = "absence.record";

    public async Task<AdaptiveCard> ExecuteAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        var person = request.Input(AbsenceFormCard.PersonInput);
        var cover = request.Input(AbsenceFormCard.CoverInput);
        if (string.IsNullOrEmpty(person)
            || !CommandArguments.TryParseDate(request.Input(AbsenceFormCard.FirstDayInput) ?? string.Empty, out var firstDay)
            || !CommandArguments.TryParseDate(request.Input(AbsenceFormCard.LastDayInput) ?? string.Empty, out var lastDay)
            || lastDay < firstDay)
        {
            return AbsenceFormCard.Outcome(Texts.AbsenceFormInvalidDates);
        }

        var absence = new AwayCommand(new MentionedPerson(person, person), firstDay, lastDay, string.IsNullOrEmpty(cover) ? null : new MentionedPerson(cover, cover));
        var reply = await away.RecordAsync(absence, new CommandTurn(request.Turn, request.Team, request.Actor), cancellationToken);
        return AbsenceFormCard.Outcome(reply);
    }

    public AdaptiveCard Refused(CardActionRequest request, string refusal) => AbsenceFormCard.Outcome(refusal);
}
