using System.Globalization;
using System.Text.RegularExpressions;

namespace Vty.Devices;

/// <summary>IOS-style flash commands, as Netmiko's file_transfer uses them: <c>dir FS</c> and <c>verify /md5 FS/FILE</c>.</summary>
internal sealed class CiscoFlashDialect : DeviceFileDialect
{
    private static readonly Regex BytesFree = new(@"(\d+)\s+bytes\s+free", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex Md5Answer = new(@"=\s*([0-9a-fA-F]{32})\b", RegexOptions.CultureInvariant);

    public override string DefaultLocation => "flash:";

    public override IReadOnlyList<DeviceFileHash> Hashes { get; } = [DeviceFileHash.Md5];

    public override string Combine(string location, string name) =>
        location.EndsWith(':') ? $"{location}/{name}" : $"{location.TrimEnd('/')}/{name}";

    public override async Task PrepareAsync(DeviceSession device, CancellationToken cancellationToken)
    {
        // dir and verify are privileged-exec commands; enable with the account's enable secret.
        if (!device.IsEnabled)
            await device.EnableAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task<string?> HashAsync(DeviceSession device, string path, DeviceFileHash hash, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (hash != DeviceFileHash.Md5)
            throw new DeviceOperationException($"{device.Driver.Name} devices verify files with MD5 only (verify /md5), not {hash}");
        string answer;
        try
        {
            answer = await device.SendCommandAsync($"verify /md5 {path}", readTimeout: timeout, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (CommandErrorException e) when (e.Message.Contains("No such file", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("Error opening", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        Match m = Md5Answer.Match(answer);
        if (!m.Success)
            throw new DeviceOperationException($"'verify /md5 {path}' printed no MD5 (got: {Tail(answer)})");
        return m.Groups[1].Value.ToLowerInvariant();
    }

    public override async Task<long> FreeBytesAsync(DeviceSession device, string location, TimeSpan timeout, CancellationToken cancellationToken)
    {
        string dir = await device.SendCommandAsync($"dir {location}", readTimeout: timeout, cancellationToken: cancellationToken).ConfigureAwait(false);
        Match free = BytesFree.Match(dir);
        if (!free.Success)
            throw new DeviceOperationException($"'dir {location}' did not say how many bytes are free (got: {Tail(dir)}); is {location} the right file system?");
        return long.Parse(free.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
