using System.Collections.Concurrent;

namespace Vty.Protocols;

/// <summary>
/// Which <see cref="Protocol"/> class serves which URL scheme. <c>ssh</c>, <c>ssh2</c> and
/// <c>telnet</c> are built in; other packages add theirs at start-up (the lab package's
/// <c>LabSchemes.Register()</c> adds <c>dummy://</c>), so the core needs none of them.
/// </summary>
public static class ProtocolRegistry
{
    private static readonly ConcurrentDictionary<string, Func<ProtocolOptions, Protocol>> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ssh"] = static options => new SshProtocol(options),
        ["ssh2"] = static options => new SshProtocol(options),
        ["telnet"] = static options => new TelnetProtocol(options),
    };

    /// <summary>
    /// Makes <paramref name="scheme"/> URLs (<c>scheme://…</c>) open sessions built by
    /// <paramref name="create"/>. Registering a scheme again replaces its factory; the built-in
    /// schemes cannot be replaced.
    /// </summary>
    /// <exception cref="ArgumentException">The scheme is empty, not a URL scheme, or built in.</exception>
    public static void Register(string scheme, Func<ProtocolOptions, Protocol> create)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scheme);
        ArgumentNullException.ThrowIfNull(create);
        if (!char.IsAsciiLetter(scheme[0]) || !scheme.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
            throw new ArgumentException($"'{scheme}' is not a URL scheme (letters, digits, '+', '-', '.'; a letter first)", nameof(scheme));
        if (scheme is "ssh" or "ssh2" or "telnet")
            throw new ArgumentException($"'{scheme}' is built in and cannot be replaced", nameof(scheme));
        Factories[scheme.ToLowerInvariant()] = create;
    }

    /// <summary>True when URLs with <paramref name="scheme"/> can be opened.</summary>
    public static bool IsRegistered(string scheme) => Factories.ContainsKey(scheme);

    /// <summary>The schemes that can be opened, sorted.</summary>
    public static IReadOnlyList<string> Schemes => [.. Factories.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Words for errors: "ssh://, telnet:// or dummy://".</summary>
    public static string DescribeSchemes()
    {
        string[] shown = [.. Schemes.Where(s => s != "ssh2").Select(s => s + "://")];
        return shown.Length == 1 ? shown[0] : string.Join(", ", shown[..^1]) + " or " + shown[^1];
    }

    /// <summary>The message for a scheme nobody registered, with the hint for the lab's.</summary>
    public static string UnknownSchemeMessage(string scheme) =>
        $"Unknown protocol '{scheme}': use {DescribeSchemes()}." + (scheme.Equals("dummy", StringComparison.OrdinalIgnoreCase)
            ? " dummy:// (emulated devices) comes with the Vty.Lab package: reference it and call Vty.Lab.LabSchemes.Register() at start-up."
            : "");

    internal static Protocol Create(string scheme, ProtocolOptions options) =>
        Factories.TryGetValue(scheme, out var create)
            ? create(options)
            : throw new HostUrlFormatException(UnknownSchemeMessage(scheme));
}
