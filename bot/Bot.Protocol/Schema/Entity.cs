using System.Text.Json;

namespace Bot.Protocol.Schema;

/// <summary>An entity on an activity (<c>mention</c>, <c>clientInfo</c>, …); unknown members stay in <see cref="ExtensibleModel.Properties"/>.</summary>
public sealed class Entity : ExtensibleModel
{
    public string? Type { get; set; }

    /// <summary>The typed view, or <c>null</c> when the entity does not have that shape.</summary>
    public T? GetAs<T>() => ProtocolJson.Convert<T>(JsonSerializer.SerializeToElement(this, ProtocolJson.Options));

    public static Entity From<T>(T value)
    {
        var element = JsonSerializer.SerializeToElement(value, ProtocolJson.Options);
        return element.Deserialize<Entity>(ProtocolJson.Options)!;
    }
}

/// <summary>The typed view of a <c>mention</c> entity.</summary>
public sealed class Mention
{
    public string Type { get; set; } = "mention";
    public ChannelAccount? Mentioned { get; set; }
    public string? Text { get; set; }
}
