namespace Vty.Drivers;

/// <summary>
/// What a platform with a candidate configuration offers for safe change (the driver's
/// <c>change:</c> section): throwing the candidate away, showing its differences, replacing the
/// whole configuration.
/// </summary>
public sealed record ChangeRecipe
{
    /// <summary>Throws the uncommitted candidate away, in configuration mode (Junos <c>rollback 0</c>, IOS-XR <c>abort</c>).</summary>
    public string? DiscardCommand { get; init; }

    /// <summary>Shows what the candidate changes, in configuration mode (Junos <c>show | compare</c>).</summary>
    public string? CompareCommand { get; init; }

    /// <summary>How a whole stored configuration is pushed back (<c>vty rollback</c>), or null when the platform cannot from a session.</summary>
    public ConfigReplaceMethod? Replace { get; init; }
}
