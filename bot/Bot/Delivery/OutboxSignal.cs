using Bot.Hosting;

namespace Bot.Delivery;

/// <summary>Wakes <see cref="OutboxWorker"/> as soon as new messages are committed, so nobody waits for the poll interval.</summary>
public sealed class OutboxSignal : WakeUpSignal;
