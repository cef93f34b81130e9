namespace Bot.Turns;

/// <summary>The verbs of every card button, in one place; <c>Action.Execute</c> and its <c>Action.Submit</c> fallback share them.</summary>
public static class CardVerbs
{
    public const string CreatePost = "post.create";
    public const string SubmitPost = "post.submit";
    public const string EditPost = "post.edit";
    public const string ApprovePost = "post.approve";
    public const string RequestChanges = "post.requestChanges";
    public const string RejectPost = "post.reject";
    public const string RefreshPost = "post.refresh";
    public const string ErasePerson = "person.erase";
    public const string SaveReviewSettings = "settings.review.save";
    public const string MarkPublished = "post.markPublished";
    public const string MoveSlot = "post.moveSlot";
    public const string WithdrawAfterMissedSlot = "post.withdrawMissed";
    public const string SaveReminderSettings = "reminders.saveSettings";
    public const string RetryDelivery = "delivery.retry";
    public const string SaveDigestSettings = "digest.saveSettings";
}
