using Bot.Hosting;
using Bot.Localization;
using Bot.Persistence;
using Bot.Posts;
using Bot.Protocol.Schema;
using Bot.Staffing;
using Bot.Teams;
using Bot.Turns;
using Microsoft.EntityFrameworkCore;

namespace Bot.Webhooks;

/// <summary>What the one <c>webhook</c> command can ask for; a common base so one handler is its route.</summary>
public abstract record WebhookCommand : ChatCommand;

public sealed record SetWebhookCommand(string Url, string Secret) : WebhookCommand;

public sealed record RemoveWebhookCommand : WebhookCommand;

public sealed record WebhookStatusCommand : WebhookCommand;

/// <summary>
/// <c>webhook https://… secret …</c>, <c>webhook off</c>, <c>webhook status</c>. The secret is taken only in a personal
/// chat (in a channel everyone would read it), stored sealed, and never repeated, not even to coordinators.
/// </summary>
public sealed class WebhookHandler(WebhookSettings webhooks, UserSuppliedUrls destinations, BotDbContext database, TimeProvider timeProvider) : ICommandHandler<WebhookCommand>
{
    private const int DeliveriesShown = 10;

    // Writers may read the status, only coordinators change the webhook; both refusals name the coordinator role, so
    // the route asks for a team member and the role is weighed here.
    public static CommandDefinition Command { get; } =
        new CommandDefinition("webhook", "webhook", "weiterleitung", () => Texts.CommandWebhookDescription, CommandDefinition.TeamScopes, "https://… secret …|status|off", "https://… geheimnis …|status|aus", CommandArguments.Webhook)
        {
            Order = 210,
            ShowInMenu = false,
        }.Route<WebhookCommand, WebhookHandler>();

    public async Task HandleAsync(WebhookCommand command, CommandTurn turn, CancellationToken cancellationToken)
    {
        var (team, actor, role) = turn.Actor;
        var reply = command switch
        {
            WebhookStatusCommand when role.CanWritePosts() => await StatusAsync(team, cancellationToken),
            _ when !role.CanManageTeam() => TurnActors.NotAllowed(ActorRequirement.Coordinator, role),
            SetWebhookCommand set => await SetAsync(turn, team, actor, set, cancellationToken),
            RemoveWebhookCommand => await webhooks.RemoveAsync(team.TeamId, cancellationToken)
                ? await AuditedAsync(team, actor, "WebhookRemoved", null, Texts.WebhookRemoved, cancellationToken)
                : Texts.WebhookNone,
            _ => TurnActors.NotAllowed(ActorRequirement.Coordinator, role),
        };
        await turn.ReplyAsync(reply, cancellationToken);
    }

    private async Task<string> SetAsync(CommandTurn turn, Team team, string actor, SetWebhookCommand set, CancellationToken cancellationToken)
    {
        if (!string.Equals(turn.Activity.Conversation?.ConversationType, ConversationTypes.Personal, StringComparison.OrdinalIgnoreCase))
        {
            return Texts.WebhookSecretOnlyInPersonalChat;
        }

        if (!WebhookSettings.IsAllowedUrl(set.Url))
        {
            return Texts.WebhookInvalidUrl;
        }

        if (set.Secret.Length is < WebhookSettings.MinSecretLength or > WebhookSettings.MaxSecretLength)
        {
            return Texts.FormatWebhookSecretLength(WebhookSettings.MinSecretLength, WebhookSettings.MaxSecretLength);
        }

        if (await destinations.CheckAsync(set.Url, cancellationToken) is { } refusal)
        {
            return $"{refusal.Describe()} {Texts.WebhookDestinationHint}";
        }

        await webhooks.SetAsync(team.TeamId, set.Url, set.Secret, actor, cancellationToken);
        return await AuditedAsync(team, actor, "WebhookSet", $"url={set.Url}", Texts.FormatWebhookSet(set.Url), cancellationToken);
    }

    private async Task<string> AuditedAsync(Team team, string actor, string action, string? details, string reply, CancellationToken cancellationToken)
    {
        database.TeamAudit.Add(new TeamAuditEntry { TeamId = team.TeamId, At = timeProvider.GetUtcNow(), ActorAadObjectId = actor, Action = action, Details = details });
        await database.SaveChangesAsync(cancellationToken);
        return reply;
    }

    private async Task<string> StatusAsync(Team team, CancellationToken cancellationToken)
    {
        var webhook = await webhooks.OfAsync(team.TeamId, cancellationToken);
        if (webhook is null)
        {
            return Texts.WebhookNone;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(team.TimeZoneId);
        var now = timeProvider.GetUtcNow();
        var deliveries = await webhooks.RecentDeliveriesAsync(team.TeamId, DeliveriesShown, cancellationToken);
        var postIds = deliveries.Select(d => d.PostId).Distinct().ToList();
        var titles = await database.Posts.AsNoTracking().Where(p => postIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.WorkingTitle, cancellationToken);
        var lines = deliveries.Select(d =>
        {
            var post = $"**{PostWorkflow.ShortId(d.PostId)}** {titles.GetValueOrDefault(d.PostId)}";
            var last = d.LastStatus is { } status ? $"HTTP {status}"
                : d.LastError == WebhookDispatcher.DestinationRefusedError ? Texts.WebhookErrorDestinationRefused
                : d.LastError ?? "—";
            return "- " + (d.State switch
            {
                WebhookDeliveryState.Delivered => Texts.FormatWebhookDeliveryDelivered(post, d.Revision, PostCards.Instant(d.DeliveredAt!.Value, zone), d.Attempts),
                WebhookDeliveryState.Failed => Texts.FormatWebhookDeliveryFailed(post, d.Revision, d.Attempts, last),
                _ when d.Attempts == 0 => Texts.FormatWebhookDeliveryQueued(post, d.Revision),
                _ => Texts.FormatWebhookDeliveryRetrying(post, d.Revision, d.Attempts == 1 ? Texts.WebhookOneFailedAttempt : Texts.FormatWebhookFailedAttempts(d.Attempts), last, PostCards.InstantFromNow(d.NextAttemptAt!.Value, zone, now)),
            });
        }).ToList();
        var failures = deliveries.Count(d => d.State == WebhookDeliveryState.Failed || (d.State == WebhookDeliveryState.Pending && d.Attempts > 0));
        var head = Texts.FormatWebhookStatusHead(webhook.Url, PostCards.Instant(webhook.UpdatedAt, zone), failures);
        return lines.Count == 0 ? $"{head}\n\n{Texts.WebhookNoDeliveries}" : $"{head}\n\n{string.Join("\n", lines)}";
    }
}
