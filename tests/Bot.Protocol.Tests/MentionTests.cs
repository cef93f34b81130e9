using Bot.Protocol.Schema;

namespace Bot.Protocol.Tests;

public sealed class MentionTests
{
    [Fact]
    public void Bot_mention_in_a_channel_is_stripped_and_the_text_trimmed()
    {
        var activity = ActivitySerializationTests.Load("channel-message-with-mention.json");

        Assert.Equal("help", activity.RemoveRecipientMention());
    }

    [Fact]
    public void Group_chat_mention_without_text_is_rebuilt_from_the_name()
    {
        var activity = ActivitySerializationTests.Load("group-chat-mention-without-text.json");

        Assert.Equal("Hilfe", activity.RemoveRecipientMention());
    }

    [Fact]
    public void Mentions_of_other_people_stay_in_the_text()
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Text = "<at>Social Media Bot</at> assign <at>Anna Schmidt</at> instagram",
            Recipient = new ChannelAccount("28:bot"),
            Entities =
            [
                Entity.From(new Mention { Mentioned = new ChannelAccount("28:bot", "Social Media Bot"), Text = "<at>Social Media Bot</at>" }),
                Entity.From(new Mention { Mentioned = new ChannelAccount("29:anna", "Anna Schmidt"), Text = "<at>Anna Schmidt</at>" }),
            ],
        };

        Assert.Equal("assign <at>Anna Schmidt</at> instagram", activity.RemoveRecipientMention());
        Assert.Equal(["28:bot", "29:anna"], activity.GetMentions().Select(m => m.Mentioned!.Id!).Order());
    }

    [Fact]
    public void Text_without_mentions_is_only_trimmed()
    {
        var activity = new Activity { Type = ActivityTypes.Message, Text = "  help \r\n", Recipient = new ChannelAccount("28:bot") };

        Assert.Equal("help", activity.RemoveRecipientMention());
    }
}
