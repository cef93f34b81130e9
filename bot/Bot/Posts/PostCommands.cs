using Bot.Localization;
using Bot.Staffing;
using Bot.Teams;
using Bot.Turns;

namespace Bot.Posts;

public sealed record NewPostCommand : ChatCommand;

public sealed record MyPostsCommand : ChatCommand;

public sealed record PendingCommand : ChatCommand;

/// <summary>A post by the short id shown in lists (see <see cref="Posts.PostWorkflow.ShortId"/>).</summary>
public sealed record ShowPostCommand(string PostId) : ChatCommand;

public sealed record WithdrawPostCommand(string PostId) : ChatCommand;

public sealed record PostHistoryCommand(string PostId) : ChatCommand;

public sealed record CommentPostCommand(string PostId, string Text) : ChatCommand;

public sealed record PublishedCommand(string PostId, string LiveUrl, Platform? Platform) : ChatCommand;

/// <summary><c>new post</c>: the draft form, for someone who may write posts in a team with social channels.</summary>
public sealed class NewPostHandler(PostConversation conversation) : ICommandHandler<NewPostCommand>
{
    public static CommandDefinition Command { get; } =
        new CommandDefinition("new-post", "new post", "neuer beitrag", () => Texts.CommandNewPostDescription, CommandDefinition.TeamScopes, "", "", _ => new NewPostCommand())
        {
            Order = 90,
            Requires = ActorRequirement.Writer,
        }.Route<NewPostCommand, NewPostHandler>();

    public async Task HandleAsync(NewPostCommand command, CommandTurn turn, CancellationToken cancellationToken)
    {
        var team = turn.Actor.Team;
        var channels = await conversation.SocialChannelsAsync(team.TeamId, cancellationToken);
        if (channels.Count == 0)
        {
            await turn.ReplyAsync(Texts.DraftFormNoSocialChannels, cancellationToken);
            return;
        }

        await turn.ReplyAsync(PostCards.DraftForm(channels, PostConversation.Zone(team)), cancellationToken);
    }
}

/// <summary><c>my posts</c>: the writer's open posts.</summary>
public sealed class MyPostsHandler(PostWorkflow workflow, TimeProvider timeProvider) : ICommandHandler<MyPostsCommand>
{
    public static CommandDefinition Command { get; } =
        new CommandDefinition("my-posts", "my posts", "meine beiträge", () => Texts.CommandMyPostsDescription, CommandDefinition.TeamScopes, "", "", _ => new MyPostsCommand())
        {
            Order = 100,
            Aliases = ["meine beitraege"],
        }.Route<MyPostsCommand, MyPostsHandler>();

    public async Task HandleAsync(MyPostsCommand command, CommandTurn turn, CancellationToken cancellationToken)
    {
        var (team, actor) = (turn.Actor.Team, turn.Actor.AadObjectId);
        var posts = await workflow.OpenPostsOfAsync(team.TeamId, actor, cancellationToken);
        await turn.ReplyAsync(PostList.Render(team, Texts.MyPostsTitle, Texts.MyPostsEmpty, posts, timeProvider.GetUtcNow()), cancellationToken);
    }
}

/// <summary><c>pending</c>: the posts waiting for the reader's decision.</summary>
public sealed class PendingHandler(PostWorkflow workflow, TimeProvider timeProvider) : ICommandHandler<PendingCommand>
{
    public static CommandDefinition Command { get; } =
        new CommandDefinition("pending", "pending", "offen", () => Texts.CommandPendingDescription, CommandDefinition.TeamScopes, "", "", _ => new PendingCommand())
        {
            Order = 110,
        }.Route<PendingCommand, PendingHandler>();

    public async Task HandleAsync(PendingCommand command, CommandTurn turn, CancellationToken cancellationToken)
    {
        var (team, actor) = (turn.Actor.Team, turn.Actor.AadObjectId);
        var posts = await workflow.WaitingForAsync(team.TeamId, actor, cancellationToken);
        await turn.ReplyAsync(PostList.Render(team, Texts.PendingTitle, Texts.PendingEmpty, posts, timeProvider.GetUtcNow()), cancellationToken);
    }
}

/// <summary><c>show</c>: one post's card; its author gets the draft card, everyone else the state without buttons.</summary>
public sealed class ShowPostHandler(PostWorkflow workflow, PostConversation conversation) : ICommandHandler<ShowPostCommand>
{
    public static CommandDefinition Command { get; } =
        new CommandDefinition("show", "show", "zeige", () => Texts.CommandShowPostDescription, CommandDefinition.TeamScopes, "id", "id", args => CommandArguments.PostReference(args, id => new ShowPostCommand(id)))
        {
            Order = 120,
            ShowInMenu = false,
        }.Route<ShowPostCommand, ShowPostHandler>();

    public async Task HandleAsync(ShowPostCommand command, CommandTurn turn, CancellationToken cancellationToken)
    {
        var (team, actor) = (turn.Actor.Team, turn.Actor.AadObjectId);
        var found = await workflow.FindByShortIdAsync(team.TeamId, command.PostId, actor, cancellationToken);
        if (found.Post is null)
        {
            await turn.ReplyAsync(Texts.RefusalNotFound, cancellationToken);
            return;
        }

        // A typed "show" may land in a channel: the state for everyone, the buttons only on the refreshed approval card.
        var view = await conversation.ViewAsync(found.Post, team, cancellationToken);
        var card = !found.Post.Status.IsFinal() && PostConversation.AadIdsEqual(found.Post.AuthorAadObjectId, actor)
            ? PostCards.Draft(view)
            : WithoutRefresh(PostCards.Review(view, forReviewer: false));
        await turn.ReplyAsync(card, cancellationToken);
    }

    private static Protocol.AdaptiveCards.AdaptiveCard WithoutRefresh(Protocol.AdaptiveCards.AdaptiveCard card) => new() { Body = card.Body, Actions = card.Actions };
}

/// <summary><c>history</c>: the audit trail as the team may read it, every transition and decision, oldest first, with comments.</summary>
public sealed class PostHistoryHandler(PostWorkflow workflow, PostConversation conversation) : ICommandHandler<PostHistoryCommand>
{
    public static CommandDefinition Command { get; } =
        new CommandDefinition("history", "history", "verlauf", () => Texts.CommandHistoryDescription, CommandDefinition.TeamScopes, "id", "id", args => CommandArguments.PostReference(args, id => new PostHistoryCommand(id)))
        {
            Order = 130,
            ShowInMenu = false,
        }.Route<PostHistoryCommand, PostHistoryHandler>();

    public async Task HandleAsync(PostHistoryCommand command, CommandTurn turn, CancellationToken cancellationToken) =>
        await turn.ReplyAsync(await HistoryAsync(turn, command.PostId, cancellationToken), cancellationToken);

    private async Task<string> HistoryAsync(CommandTurn turn, string shortId, CancellationToken cancellationToken)
    {
        var (team, actor) = (turn.Actor.Team, turn.Actor.AadObjectId);
        var found = await workflow.FindByShortIdAsync(team.TeamId, shortId, actor, cancellationToken);
        if (found.Post is null)
        {
            return Texts.RefusalNotFound;
        }

        var view = await conversation.ViewAsync(found.Post, team, cancellationToken);
        var lines = found.Post.AuditTrail.OrderBy(e => e.Sequence).Select(e =>
        {
            var line = "- " + Texts.FormatHistoryLine(PostCards.Instant(e.At, view.TeamTimeZone), view.NameOf(e.ActorAadObjectId), PostDisplayNames.Audit(e.Action), e.Revision);
            return e.Comment is { Length: > 0 } comment ? $"{line}: {comment}" : line;
        });
        return $"**{Texts.FormatHistoryTitle(found.Post.WorkingTitle)}**\n\n{string.Join("\n", lines)}";
    }
}

/// <summary><c>withdraw</c>: the author takes a post back for good.</summary>
public sealed class WithdrawPostHandler(PostWorkflow workflow, PostConversation conversation) : ICommandHandler<WithdrawPostCommand>
{
    public static CommandDefinition Command { get; } =
        new CommandDefinition("withdraw", "withdraw", "zurückziehen", () => Texts.CommandWithdrawDescription, CommandDefinition.TeamScopes, "id", "id", args => CommandArguments.PostReference(args, id => new WithdrawPostCommand(id)))
        {
            Order = 140,
            ShowInMenu = false,
            Aliases = ["zurueckziehen"],
        }.Route<WithdrawPostCommand, WithdrawPostHandler>();

    public async Task HandleAsync(WithdrawPostCommand command, CommandTurn turn, CancellationToken cancellationToken)
    {
        var (team, actor) = (turn.Actor.Team, turn.Actor.AadObjectId);
        var reply = await conversation.ChangeByShortIdAsync(
            turn,
            command.PostId,
            (id, ct) => workflow.WithdrawAsync(team.TeamId, id, actor, ct),
            post => Texts.FormatPostWithdrawn(post.WorkingTitle),
            cancellationToken);
        await turn.ReplyAsync(reply, cancellationToken);
    }
}

/// <summary><c>published</c>: records a variant's live URL; the platform picks the variant when the post has several open.</summary>
public sealed class PublishedHandler(PostWorkflow workflow, PostConversation conversation) : ICommandHandler<PublishedCommand>
{
    public static CommandDefinition Command { get; } =
        new CommandDefinition("published", "published", "veröffentlicht", () => Texts.CommandPublishedDescription, CommandDefinition.TeamScopes, "id url [platform]", "id url [plattform]", CommandArguments.Published)
        {
            Order = 150,
            ShowInMenu = false,
            Aliases = ["veroeffentlicht"],
        }.Route<PublishedCommand, PublishedHandler>();

    public async Task HandleAsync(PublishedCommand command, CommandTurn turn, CancellationToken cancellationToken) =>
        await turn.ReplyAsync(await PublishedAsync(command, turn, cancellationToken), cancellationToken);

    private async Task<string> PublishedAsync(PublishedCommand published, CommandTurn turn, CancellationToken cancellationToken)
    {
        var (team, actor) = (turn.Actor.Team, turn.Actor.AadObjectId);
        var found = await workflow.FindByShortIdAsync(team.TeamId, published.PostId, actor, cancellationToken);
        if (found.Post is null)
        {
            return Texts.RefusalNotFound;
        }

        var candidates = found.Post.Variants.Where(v => !v.IsLive && (published.Platform is null || v.Platform == published.Platform)).ToList();
        if (candidates.Count != 1)
        {
            var view = await conversation.ViewAsync(found.Post, team, cancellationToken);
            return candidates.Count == 0
                ? Texts.RefusalUnknownSocialChannel
                : Texts.FormatPublishedWhichChannel(string.Join(", ", candidates.Select(v => view.SocialChannelName(v.SocialChannelId, v.Platform))));
        }

        var variant = candidates[0];
        return await conversation.ChangeByShortIdAsync(
            turn,
            published.PostId,
            (id, ct) => workflow.MarkPublishedAsync(team.TeamId, id, actor, variant.SocialChannelId, published.LiveUrl, ct),
            post => Texts.FormatPostPublishedRecorded(PlatformName(post, variant.SocialChannelId), PostCards.StatusName(post.Status)),
            cancellationToken);
    }

    private static string PlatformName(Post post, int socialChannelId) =>
        post.Variants.FirstOrDefault(v => v.SocialChannelId == socialChannelId) is { } v ? PlatformNames.Display(v.Platform) : string.Empty;
}

/// <summary><c>comment</c>: a remark on a post's current revision.</summary>
public sealed class CommentPostHandler(PostWorkflow workflow, PostConversation conversation) : ICommandHandler<CommentPostCommand>
{
    public static CommandDefinition Command { get; } =
        new CommandDefinition("comment", "comment", "kommentar", () => Texts.CommandCommentDescription, CommandDefinition.TeamScopes, "id text", "id text", CommandArguments.Comment)
        {
            Order = 180,
            ShowInMenu = false,
            Aliases = ["kommentieren"],
        }.Route<CommentPostCommand, CommentPostHandler>();

    public async Task HandleAsync(CommentPostCommand command, CommandTurn turn, CancellationToken cancellationToken)
    {
        var (team, actor) = (turn.Actor.Team, turn.Actor.AadObjectId);
        var reply = await conversation.ChangeByShortIdAsync(
            turn,
            command.PostId,
            (id, ct) => workflow.CommentAsync(team.TeamId, id, actor, command.Text, ct),
            post => Texts.FormatCommentAdded(post.WorkingTitle),
            cancellationToken);
        await turn.ReplyAsync(reply, cancellationToken);
    }
}

/// <summary>The lines of <c>my posts</c> and <c>pending</c>: short id, title, state and when it is planned.</summary>
internal static class PostList
{
    public static string Render(Team team, string title, string empty, IReadOnlyList<Post> posts, DateTimeOffset now)
    {
        if (posts.Count == 0)
        {
            return empty;
        }

        var zone = PostConversation.Zone(team);
        var lines = posts.Select(p => "- " + Texts.FormatPostLine(
            PostWorkflow.ShortId(p.Id),
            p.WorkingTitle,
            PostCards.StatusName(p.Status),
            p.PlannedPublishAt is { } planned ? PostCards.InstantFromNow(planned, zone, now) : Texts.PostNotPlanned));
        return $"**{title}**\n\n{string.Join("\n", lines)}";
    }
}
