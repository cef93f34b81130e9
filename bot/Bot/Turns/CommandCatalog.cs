using System.Reflection;

namespace Bot.Turns;

/// <summary>
/// Every command the bot understands, gathered from the handlers that declare them (see
/// <see cref="ICommandHandler{TCommand}"/>): the parser, the help card and the Teams app manifest's command lists are
/// built from it, so a new command is its handler, its texts in Strings(.de).resx and its test.
/// </summary>
public static class CommandCatalog
{
    public static IReadOnlyList<CommandDefinition> All { get; } = Discover(typeof(CommandCatalog).Assembly);

    /// <summary>The handler types that answer commands, for registration in the container.</summary>
    public static IEnumerable<Type> HandlerTypes => All.Select(command => command.Handler!).Distinct();

    internal static IReadOnlyList<CommandDefinition> Discover(Assembly assembly) =>
        [.. assembly.GetTypes()
            .Where(type => type is { IsAbstract: false, IsGenericTypeDefinition: false } && type.GetInterfaces().Any(IsCommandHandler))
            .SelectMany(DefinitionsOf)
            .OrderBy(command => command.Order)
            .ThenBy(command => command.Id, StringComparer.Ordinal)];

    private static bool IsCommandHandler(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ICommandHandler<>);

    private static IEnumerable<CommandDefinition> DefinitionsOf(Type handler)
    {
        const BindingFlags PublicStatic = BindingFlags.Public | BindingFlags.Static;
        var definitions = handler.GetProperty("Commands", PublicStatic)?.GetValue(null) as IEnumerable<CommandDefinition>
            ?? (handler.GetProperty("Command", PublicStatic)?.GetValue(null) is CommandDefinition single ? [single] : []);
        var list = definitions.ToList();
        if (list.Count == 0 || list.Any(definition => definition.Handler != handler))
        {
            throw new InvalidOperationException(
                $"{handler.Name} handles commands, so it declares a static Command (or Commands) routed to itself with CommandDefinition.Route<TCommand, {handler.Name}>().");
        }

        return list;
    }
}
