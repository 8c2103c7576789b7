using System.Globalization;
using System.Text.RegularExpressions;

namespace Vty.Devices;

/// <summary>
/// A Linux/Unix shell: <c>sha256sum</c> (or <c>md5sum</c>) for the hash and <c>df -P</c> (POSIX
/// output: one line per file system, never wrapped) for the free space. Paths are single-quoted
/// for the shell.
/// </summary>
internal sealed class LinuxShellDialect : DeviceFileDialect
{
    private static readonly Regex Sha256Line = new(@"^\\?([0-9a-fA-F]{64})\s", RegexOptions.Multiline | RegexOptions.CultureInvariant);
    private static readonly Regex Md5Line = new(@"^\\?([0-9a-fA-F]{32})\s", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    public override string DefaultLocation => "";

    public override IReadOnlyList<DeviceFileHash> Hashes { get; } = [DeviceFileHash.Sha256, DeviceFileHash.Md5];

    public override string Combine(string location, string name) =>
        location.Length == 0 ? name : location.EndsWith('/') ? location + name : $"{location}/{name}";

    public override async Task<string?> HashAsync(DeviceSession device, string path, DeviceFileHash hash, TimeSpan timeout, CancellationToken cancellationToken)
    {
        string tool = hash == DeviceFileHash.Sha256 ? "sha256sum" : "md5sum";
        string answer = await device.SendCommandAsync($"{tool} -- {Quote(path)}", readTimeout: timeout, cancellationToken: cancellationToken).ConfigureAwait(false);
        Match m = (hash == DeviceFileHash.Sha256 ? Sha256Line : Md5Line).Match(answer);
        if (m.Success)
            return m.Groups[1].Value.ToLowerInvariant();
        if (answer.Contains("No such file", StringComparison.OrdinalIgnoreCase))
            return null;
        throw new DeviceOperationException($"'{tool} {path}' printed no hash (got: {Tail(answer)})");
    }

    public override async Task<long> FreeBytesAsync(DeviceSession device, string location, TimeSpan timeout, CancellationToken cancellationToken)
    {
        string where = location.Length == 0 ? "." : location;
        string answer = await device.SendCommandAsync($"df -P -- {Quote(where)}", readTimeout: timeout, cancellationToken: cancellationToken).ConfigureAwait(false);
        // Filesystem 1024-blocks Used Available Capacity Mounted-on: the last line is the one holding the path.
        string[] last = answer.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault()?
            .Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        // Available is the column before Capacity (the one with '%'), whatever spaces the names hold.
        int capacity = Array.FindIndex(last, t => t.EndsWith('%'));
        if (capacity < 1 || !long.TryParse(last[capacity - 1], NumberStyles.None, CultureInfo.InvariantCulture, out long kib))
            throw new DeviceOperationException($"'df -P {where}' did not say how much space is available (got: {Tail(answer)}); does {where} exist?");
        return kib * 1024;
    }

    /// <summary>A shell word that is exactly <paramref name="text"/>: single quotes, each inner quote closed, escaped and reopened.</summary>
    internal static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
