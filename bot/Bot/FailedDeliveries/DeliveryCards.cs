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

    public static AdaptiveCard FailedDeliveries(BotTexts texts, IReadOnlyList<OutboundMessage> deadLetters, int total, TimeZoneInfo zone, string? notice = null)
    {
        var body = new List<AdaptiveElement> { new TextBlock(texts.FailedDeliveriesTitle) { Size = "Large", Weight = "Bolder" } };
        if (notice is not null)
        {
            body.Add(new TextBlock(notice) { Color = "Accent" });
        }

        if (total == 0)
        {
            body.Add(new TextBlock(texts.FailedDeliveriesEmpty));
            return new AdaptiveCard { Body = body };
        }

        body.Add(new TextBlock(texts.FailedDeliveriesIntro));
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
                            new Fact(texts.FailedDeliveryWhat, KindName(texts, message.Kind)),
                            new Fact(texts.FailedDeliveryTo, message.RecipientName is { Length: > 0 } name ? name : texts.FailedDeliveryTeamChannel),
                            new Fact(texts.FailedDeliveryWhen, PostCards.Instant(texts, message.CreatedAt, zone)),
                            new Fact(texts.FailedDeliveryWhy, texts.FailedDeliveryReason(message.Attempts, message.LastError ?? "?")),
                        ],
                    },
                    new ActionSet
                    {
                        Actions =
                        [
                            new ActionExecute
                            {
                                Title = texts.RetryDeliveryButton,
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
            body.Add(new TextBlock(texts.FailedDeliveriesMore(total - deadLetters.Count)) { IsSubtle = true });
        }

        return new AdaptiveCard { Body = body, Msteams = new TeamsCardProperties { Width = "Full" } };
    }

    private static string KindName(BotTexts texts, string kind) => kind switch
    {
        OutboundKinds.ApprovalCard => texts.OutboundKindApprovalCard,
        OutboundKinds.AuthorNote => texts.OutboundKindAuthorNote,
        OutboundKinds.PersonalNote => texts.OutboundKindPersonalNote,
        OutboundKinds.TeamNote => texts.OutboundKindTeamNote,
        OutboundKinds.Digest => texts.OutboundKindDigest,
        _ => kind,
    };
}
