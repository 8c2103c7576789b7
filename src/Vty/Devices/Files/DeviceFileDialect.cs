using Vty.Drivers;

namespace Vty.Devices;

/// <summary>
/// How a platform's CLI answers the file transfer flow: which hash it computes on the device, how
/// it reports free space, and how it names a file in a location. Platforms without one are copied
/// to without those checks and verified by reading the file back over SFTP.
/// </summary>
public abstract class DeviceFileDialect
{
    /// <summary>IOS-style flash: <c>dir flash:</c> ("N bytes free") and <c>verify /md5 flash:FILE</c> (IOS, IOS-XE, NX-OS, EOS).</summary>
    public static DeviceFileDialect CiscoFlash { get; } = new CiscoFlashDialect();

    /// <summary>A Linux/Unix shell: <c>sha256sum</c> or <c>md5sum</c>, and <c>df -P</c> for the free space.</summary>
    public static DeviceFileDialect LinuxShell { get; } = new LinuxShellDialect();

    /// <summary>The dialect of <paramref name="driver"/>'s platform, or null when Vty knows none.</summary>
    public static DeviceFileDialect? For(Driver driver)
    {
        ArgumentNullException.ThrowIfNull(driver);
        return driver.Name switch
        {
            "ios" or "ios_xe" or "nxos" or "eos" => CiscoFlash,
            "shell" => LinuxShell,
            _ => null,
        };
    }

    /// <summary>Where files go when the caller names no location (<c>flash:</c>, the login directory "").</summary>
    public abstract string DefaultLocation { get; }

    /// <summary>The hashes the device can compute; the first is used unless the caller asks for another.</summary>
    public abstract IReadOnlyList<DeviceFileHash> Hashes { get; }

    /// <summary>The device's path of file <paramref name="name"/> in <paramref name="location"/>.</summary>
    public abstract string Combine(string location, string name);

    /// <summary>The device's hash of <paramref name="path"/> (lower-case hex), or null when the file is not there.</summary>
    /// <exception cref="DeviceOperationException">The device's answer has no hash and does not say the file is missing.</exception>
    public abstract Task<string?> HashAsync(DeviceSession device, string path, DeviceFileHash hash, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Gets the session ready for the flow's commands (IOS-style devices need privileged mode for dir and verify).</summary>
    public virtual Task PrepareAsync(DeviceSession device, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Bytes free where <paramref name="location"/> is.</summary>
    /// <exception cref="DeviceOperationException">The device's answer does not say how much is free.</exception>
    public abstract Task<long> FreeBytesAsync(DeviceSession device, string location, TimeSpan timeout, CancellationToken cancellationToken);

    private protected static string Tail(string text) => text.Length > 200 ? "…" + text[^200..] : text.Trim();
}
