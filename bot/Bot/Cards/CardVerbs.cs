namespace Bot.Cards;

/// <summary>The verbs of every card button, in one place; <c>Action.Execute</c> and its <c>Action.Submit</c> fallback share them.</summary>
public static class CardVerbs
{
    public const string ShowHelp = "help.show";
    public const string RecordAbsence = "absence.record";
}
