using System.Text.Json.Serialization;

namespace Bot.Protocol.AdaptiveCards;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextBlock), "TextBlock")]
[JsonDerivedType(typeof(FactSet), "FactSet")]
[JsonDerivedType(typeof(Container), "Container")]
[JsonDerivedType(typeof(ColumnSet), "ColumnSet")]
[JsonDerivedType(typeof(ActionSet), "ActionSet")]
[JsonDerivedType(typeof(InputText), "Input.Text")]
[JsonDerivedType(typeof(InputChoiceSet), "Input.ChoiceSet")]
[JsonDerivedType(typeof(InputDate), "Input.Date")]
[JsonDerivedType(typeof(InputTime), "Input.Time")]
[JsonDerivedType(typeof(InputToggle), "Input.Toggle")]
[JsonDerivedType(typeof(Image), "Image")]
public abstract class AdaptiveElement
{
    public string? Id { get; init; }
    public string? Spacing { get; init; }
    public bool? Separator { get; init; }
}

public sealed class TextBlock : AdaptiveElement
{
    public TextBlock()
    {
    }

    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    public TextBlock(string text) => Text = text;

    public required string Text { get; init; }
    public bool Wrap { get; init; } = true;
    public string? Size { get; init; }
    public string? Weight { get; init; }
    public string? Color { get; init; }
    public bool? IsSubtle { get; init; }
    public string? Style { get; init; }
}

public sealed class FactSet : AdaptiveElement
{
    public List<Fact> Facts { get; init; } = [];
}

public sealed record Fact(string Title, string Value);

public sealed class Container : AdaptiveElement
{
    public List<AdaptiveElement> Items { get; init; } = [];
    public string? Style { get; init; }
}

public sealed class ColumnSet : AdaptiveElement
{
    public List<Column> Columns { get; init; } = [];
}

public sealed class Column
{
    public string Type => "Column";
    public string? Width { get; init; }
    public List<AdaptiveElement> Items { get; init; } = [];
}

/// <summary>
/// Holds buttons inside the body; some older Teams clients honour an <c>Action.Execute</c> fallback only here.
/// </summary>
public sealed class ActionSet : AdaptiveElement
{
    public List<AdaptiveAction> Actions { get; init; } = [];
}

public sealed class InputText : AdaptiveElement
{
    public string? Label { get; init; }
    public string? Placeholder { get; init; }
    public string? Value { get; init; }
    public bool? IsMultiline { get; init; }
    public bool? IsRequired { get; init; }
    public string? ErrorMessage { get; init; }
    public int? MaxLength { get; init; }
}

public sealed class InputChoiceSet : AdaptiveElement
{
    public string? Label { get; init; }
    public string? Value { get; init; }
    public bool? IsMultiSelect { get; init; }
    public string? Style { get; init; }
    public List<Choice> Choices { get; init; } = [];
}

public sealed record Choice(string Title, string Value);

/// <summary>A date picker; the value travels as <c>yyyy-MM-dd</c>.</summary>
public sealed class InputDate : AdaptiveElement
{
    public string? Label { get; init; }
    public string? Value { get; init; }
    public string? Min { get; init; }
    public bool? IsRequired { get; init; }
    public string? ErrorMessage { get; init; }
}

/// <summary>A time picker; the value travels as <c>HH:mm</c>, in no time zone (the bot says which one it means).</summary>
public sealed class InputTime : AdaptiveElement
{
    public string? Label { get; init; }
    public string? Value { get; init; }
    public bool? IsRequired { get; init; }
    public string? ErrorMessage { get; init; }
}

/// <summary>A checkbox; the value travels as <see cref="ValueOn"/> or <see cref="ValueOff"/>.</summary>
public sealed class InputToggle : AdaptiveElement
{
    public required string Title { get; init; }
    public string? Label { get; init; }
    public string? Value { get; init; }
    public string ValueOn { get; init; } = "true";
    public string ValueOff { get; init; } = "false";
    public bool? Wrap { get; init; }
}

/// <summary>A picture by URL (an https link, or a small <c>data:</c> URI); Teams shows up to 1024×1024 pixels.</summary>
public sealed class Image : AdaptiveElement
{
    public required string Url { get; init; }
    public string? AltText { get; init; }
    public string? Size { get; init; }
}
