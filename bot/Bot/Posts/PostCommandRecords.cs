using Bot.Staffing;
using Bot.Teams;
using Bot.Turns;

namespace Bot.Posts;

public sealed record MyPostsCommand : ChatCommand;

public sealed record PendingCommand : ChatCommand;

/// <summary>A post by the short id shown in lists (see <see cref="Posts.PostWorkflow.ShortId"/>).</summary>
public sealed record ShowPostCommand(string PostId) : ChatCommand;

public sealed record WithdrawPostCommand(string PostId) : ChatCommand;

public sealed record PostHistoryCommand(string PostId) : ChatCommand;

public sealed record CommentPostCommand(string PostId, string Text) : ChatCommand;

public sealed record PublishedCommand(string PostId, string LiveUrl, Platform? Platform) : ChatCommand;
