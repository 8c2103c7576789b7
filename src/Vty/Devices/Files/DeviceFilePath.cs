namespace Vty.Devices;

/// <summary>
/// A file on a device as a fleet copy names it: a location (file system or directory) and a file
/// name, either of which may be left to the defaults. <c>flash:</c> and <c>/tmp/</c> are locations
/// (end a directory with '/'), <c>flash:/ios.bin</c>, <c>flash:ios.bin</c> and <c>/tmp/x.bin</c> are a
/// location and a name, <c>x.bin</c> is a name in the platform's default location, and "" is both defaults.
/// </summary>
public sealed record DeviceFilePath(string? Location, string? Name)
{
    /// <summary>Splits <paramref name="text"/> into location and name.</summary>
    public static DeviceFilePath Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0) return new DeviceFilePath(null, null);
        if (text.EndsWith('/') || text.EndsWith(':')) return new DeviceFilePath(text, null);
        int slash = text.LastIndexOf('/');
        if (slash >= 0)
        {
            // "flash:/x" keeps the file system as its commands name it ("flash:"); Combine puts the '/' back.
            return new DeviceFilePath(slash == 0 ? "/" : text[..slash], text[(slash + 1)..]);
        }
        int colon = text.LastIndexOf(':');
        return colon >= 0 ? new DeviceFilePath(text[..(colon + 1)], text[(colon + 1)..]) : new DeviceFilePath(null, text);
    }
}
