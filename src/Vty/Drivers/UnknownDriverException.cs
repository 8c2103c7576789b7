namespace Vty.Drivers;

/// <summary>No driver (or alias) has the requested name.</summary>
public sealed class UnknownDriverException : VtyDriverException
{
    public UnknownDriverException(string name, IEnumerable<string> known)
        : base($"No driver named '{name}'. Known drivers: {string.Join(", ", known)}. " +
               "Add a YAML definition with --drivers DIR or ~/.config/vty/drivers (see docs/drivers.md).")
    {
        Name = name;
    }

    /// <summary>The name that was asked for.</summary>
    public string Name { get; }
}
