using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Bot.Delivery;

public sealed class DeliveryOptions
{
    public const string SectionName = "Delivery";

    /// <summary>
    /// Proactive messages per conversation and minute. Teams allows a bot about 60 per conversation in 30 seconds; a
    /// burst of reminders should stay well below that, while the notes of a coordinator's busy minute (a dozen
    /// assignments) still go out without waiting.
    /// </summary>
    [Range(1, 100)]
    public int MaxMessagesPerConversationPerMinute { get; set; } = 20;
}

/// <summary>
/// Keeps proactive messages under the per-conversation cap: a message over the cap waits for the next free slot on the
/// bot's clock; it is deferred, never dropped. In-process, which is enough for one instance.
/// </summary>
public sealed class DeliveryPacer(IOptions<DeliveryOptions> options, TimeProvider timeProvider)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Dictionary<string, Queue<DateTimeOffset>> _sent = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public async Task WaitForSlotAsync(string conversationId, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = timeProvider.GetUtcNow();
                if (!_sent.TryGetValue(conversationId, out var sent))
                {
                    _sent[conversationId] = sent = new Queue<DateTimeOffset>();
                }

                while (sent.Count > 0 && now - sent.Peek() >= Window)
                {
                    sent.Dequeue();
                }

                if (sent.Count < options.Value.MaxMessagesPerConversationPerMinute)
                {
                    sent.Enqueue(now);
                    return;
                }

                wait = sent.Peek() + Window - now;
            }

            await Task.Delay(wait, timeProvider, cancellationToken);
        }
    }
}
