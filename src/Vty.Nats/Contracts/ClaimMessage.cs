namespace Vty.Nats.Contracts;

/// <summary>
/// A worker's note that it started (or released without starting) a job that changes devices, so a
/// later delivery knows whether the device may already have received the change.
/// </summary>
public sealed record ClaimMessage(string Worker, int Delivery, bool Released);
