using Bot.Delivery;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Reminders;

public sealed class DeliveryPacerTests
{
    [Fact]
    public async Task A_message_over_the_cap_waits_for_the_next_minute_and_is_not_dropped()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var pacer = new DeliveryPacer(Options.Create(new DeliveryOptions { MaxMessagesPerConversationPerMinute = 2 }), clock);

        await pacer.WaitForSlotAsync("a:chat", CancellationToken.None);
        await pacer.WaitForSlotAsync("a:chat", CancellationToken.None);
        var third = pacer.WaitForSlotAsync("a:chat", CancellationToken.None);
        await pacer.WaitForSlotAsync("a:other-chat", CancellationToken.None);

        Assert.False(third.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.False(third.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        await third.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
