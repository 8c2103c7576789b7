namespace Vty.Inventory;

/// <summary>
/// One host of an inventory with all layers merged: a name, a complete connection URL and the
/// settings that apply to it. Secrets are not resolved here (see <see cref="SecretResolver"/>).
/// </summary>
public sealed record InventoryHost
{
    /// <summary>Name the results are reported under (the inventory key, or the URL's host).</summary>
    public required string Name { get; init; }

    /// <summary>Connection URL with scheme, and user and port when known; never a password.</summary>
    public required string Url { get; init; }

    /// <summary>The merged settings (defaults, groups, host).</summary>
    public HostSettings Settings { get; init; } = new();

    /// <summary>Every group the host belongs to, inherited parents included.</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>Driver name, or null to let the protocol guess.</summary>
    public string? Driver => Settings.Driver;

    /// <summary>Variables for tasks, plus <c>host</c> (the name) and <c>url</c>.</summary>
    public IReadOnlyDictionary<string, string> Variables => Settings.Variables;

    /// <summary>Per-host timeout from the inventory, or null for the run's default.</summary>
    public TimeSpan? Timeout => Settings.TimeoutSeconds is double s ? TimeSpan.FromSeconds(s) : null;

    /// <summary>
    /// Builds a host from a URL given on the command line (<c>ssh://admin@r1</c>, <c>telnet://r2:23</c>,
    /// <c>dummy://r3</c>, or a bare <c>r1</c> meaning SSH), with optional settings beneath it.
    /// </summary>
    public static InventoryHost FromUrl(string url, HostSettings? defaults = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        HostSettings settings = (defaults ?? new HostSettings()).Overlay(new HostSettings { Url = url });
        string full = HostUrlBuilder.Build(settings, fallbackAddress: url);
        return new InventoryHost { Name = HostUrlBuilder.HostName(full), Url = full, Settings = settings };
    }
}
