using System.Globalization;
using Bot.Delivery;
using Bot.Localization;
using Bot.Posts;
using Bot.Protocol.AdaptiveCards;

namespace Bot.FailedDeliveries;

/// <summary>The team's dead letters: what could not be delivered, to whom, why, with a Retry button each.</summary>
public static class DeliveryCards
{
    public const string MessageIdData = "messageId";

    /// <summary>At most this many are listed; the rest are counted, so the card stays far below Teams' size limit.</summary>
    public const int MaxListed = 20;

    public static AdaptiveCard FailedDeliveries(IReadOnlyList<OutboundMessage> deadLetters, int total, TimeZoneInfo zone, string? notice = null)
    {
        var body = new List<AdaptiveElement> { new TextBlock(Texts.FailedDeliveriesTitle) { Size = "Large", Weight = "Bolder" } };
        if (notice is not null)
        {
            body.Add(new TextBlock(notice) { Color = "Accent" });
        }

        if (total == 0)
        {
            body.Add(new TextBlock(Texts.FailedDeliveriesEmpty));
            return new AdaptiveCard { Body = body };
        }

        body.Add(new TextBlock(Texts.FailedDeliveriesIntro));
        foreach (var message in deadLetters)
        {
            body.Add(new Container
            {
                Separator = true,
                Items =
                [
                    new FactSet
                    {
                        Facts =
                        [
                            new Fact(Texts.FailedDeliveryWhat, KindName(message.Kind)),
                            new Fact(Texts.FailedDeliveryTo, message.RecipientName is { Length: > 0 } name ? name : Texts.FailedDeliveryTeamChannel),
                            new Fact(Texts.FailedDeliveryWhen, PostCards.Instant(message.CreatedAt, zone)),
                            new Fact(Texts.FailedDeliveryWhy, Texts.FormatFailedDeliveryReason(message.Attempts, message.LastError ?? "?")),
                        ],
                    },
                    new ActionSet
                    {
                        Actions =
                        [
                            new ActionExecute
                            {
                                Title = Texts.RetryDeliveryButton,
                                Verb = RetryDeliveryAction.Verb,
                                Data = new() { [MessageIdData] = message.Id.ToString(CultureInfo.InvariantCulture) },
                            },
                        ],
                    },
                ],
            });
        }

        if (total > deadLetters.Count)
        {
            body.Add(new TextBlock(Texts.FormatFailedDeliveriesMore(total - deadLetters.Count)) { IsSubtle = true });
        }

        return new AdaptiveCard { Body = body, Msteams = new TeamsCardProperties { Width = "Full" } };
    }

    private static string KindName(string kind) => kind switch
    {
        OutboundKinds.ApprovalCard => Texts.OutboundKindApprovalCard,
        OutboundKinds.AuthorNote => Texts.OutboundKindAuthorNote,
        OutboundKinds.PersonalNote => Texts.OutboundKindPersonalNote,
        OutboundKinds.TeamNote => Texts.OutboundKindTeamNote,
        OutboundKinds.Digest => Texts.OutboundKindDigest,
        OutboundKinds.Reply => Texts.OutboundKindReply,
        _ => kind,
    };
}
