namespace Vty.Devices;

/// <summary>One line of a configuration set: what the device answered, and its error message when it rejected the line.</summary>
public sealed record ConfigLineResult(string Line, string Output, string? Error)
{
    /// <summary>True when the device accepted the line.</summary>
    public bool Ok => Error is null;
}
