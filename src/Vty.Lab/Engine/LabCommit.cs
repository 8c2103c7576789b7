namespace Vty.Lab;

/// <summary>One committed configuration change (Junos, IOS-XR).</summary>
/// <param name="Number">Sequence number, 1 for the first commit of the device.</param>
/// <param name="User">Who committed.</param>
/// <param name="Time">Device clock at the commit.</param>
/// <param name="Comment">Commit comment, or null.</param>
/// <param name="Confirmed">True for <c>commit confirmed</c>.</param>
public sealed record LabCommit(int Number, string User, DateTimeOffset Time, string? Comment, bool Confirmed);
