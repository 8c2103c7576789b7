using System.Diagnostics;
using Vty.Devices;
using Vty.Ssh.FileTransfer;

namespace Vty.Fleet;

/// <summary>
/// Fleet jobs that copy files: push local files to every host (the device file transfer flow:
/// check, space, copy, verify), or pull files from every host into <c>DIR/HOST/</c>. Each step is
/// one result line of the host (<c>copy ios.bin</c>: "… bytes sent to flash:/ios.bin over Scp").
/// With <see cref="FleetFileTransferOptions.Recursive"/> folders go as trees (one copy step each).
/// Copies are idempotent, so the runner may retry a host that failed for a transient reason.
/// </summary>
public static class FileTransferJobs
{
    /// <summary>Copies <paramref name="localFiles"/> to <paramref name="destination"/> on each host (a name only with a single file).</summary>
    public static HostJob Push(IReadOnlyList<string> localFiles, DeviceFilePath destination, FleetFileTransferOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(localFiles);
        ArgumentNullException.ThrowIfNull(destination);
        if (localFiles.Count == 0) throw new ArgumentException("no files to push", nameof(localFiles));
        if (localFiles.Count > 1 && destination.Name is not null)
            throw new ArgumentException($"{localFiles.Count} files cannot all be called {destination.Name}; name a location (flash:, /tmp/) instead", nameof(destination));
        options ??= new FleetFileTransferOptions();
        if (localFiles.FirstOrDefault(Directory.Exists) is { } folder)
        {
            if (!options.Recursive) throw new ArgumentException($"{folder} is a folder; copy folders with Recursive (-r)", nameof(localFiles));
            if (options.Verify) throw new ArgumentException($"{folder} is a folder: verification compares the hashes of files, not trees", nameof(options));
        }
        return async (context, cancellationToken) =>
        {
            await using DeviceSession device = await FleetJobs.OpenAsync(context, options.Job, cancellationToken).ConfigureAwait(false);
            foreach (string file in localFiles)
            {
                var clock = Stopwatch.StartNew();
                string label = Path.GetFileName(Path.TrimEndingDirectorySeparator(file));
                if (Directory.Exists(file))
                {
                    await device.TransferDirectoryAsync(new DeviceDirectoryCopyRequest
                    {
                        Source = file,
                        Destination = TreeDestination(destination),
                        Preserve = options.Preserve,
                        Protocol = options.Protocol,
                        StepCompleted = step => Record(context, step, label, clock),
                    }, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                await device.TransferFileAsync(new DeviceFileTransferRequest
                {
                    SourceFile = file,
                    DestinationFile = destination.Name,
                    FileSystem = destination.Location,
                    Verify = options.Verify,
                    Preserve = options.Preserve,
                    Protocol = options.Protocol,
                    StepCompleted = step => Record(context, step, label, clock),
                }, cancellationToken).ConfigureAwait(false);
            }
        };
    }

    /// <summary>Copies <paramref name="remoteFiles"/> from each host into <paramref name="localDirectory"/>/HOST/.</summary>
    public static HostJob Pull(IReadOnlyList<string> remoteFiles, string localDirectory, FleetFileTransferOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(remoteFiles);
        ArgumentException.ThrowIfNullOrEmpty(localDirectory);
        if (remoteFiles.Count == 0) throw new ArgumentException("no files to pull", nameof(remoteFiles));
        var names = new List<string>();
        foreach (string remote in remoteFiles)
        {
            string? name = DeviceFilePath.Parse(remote).Name;
            if (string.IsNullOrEmpty(name))
                throw new ArgumentException($"'{remote}' names no file (a location such as flash: or /tmp/ cannot be pulled)", nameof(remoteFiles));
            names.Add(name);
        }
        options ??= new FleetFileTransferOptions();
        if (options.Recursive && options.Verify)
            throw new ArgumentException("verification compares the hashes of files, not trees pulled recursively", nameof(options));
        string root = Path.GetFullPath(localDirectory);
        return async (context, cancellationToken) =>
        {
            string hostDirectory = Path.Combine(root, FleetOutputFolder.SafeFileName(context.Host.Name));
            await using DeviceSession device = await FleetJobs.OpenAsync(context, options.Job, cancellationToken).ConfigureAwait(false);
            try
            {
                Directory.CreateDirectory(hostDirectory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new DeviceOperationException($"cannot create the folder {hostDirectory} for the files of {context.Host.Name}: {e.Message}", e);
            }
            for (int i = 0; i < remoteFiles.Count; i++)
            {
                var clock = Stopwatch.StartNew();
                string label = remoteFiles[i];
                if (options.Recursive)
                {
                    // A folder lands as DIR/HOST/NAME/…, a plain file as DIR/HOST/NAME, as scp -r does.
                    await device.FetchDirectoryAsync(new DeviceDirectoryCopyRequest
                    {
                        Source = remoteFiles[i],
                        Destination = hostDirectory,
                        Preserve = options.Preserve,
                        Resume = options.Resume,
                        Protocol = options.Protocol,
                        StepCompleted = step => Record(context, step, label, clock),
                    }, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                await device.FetchFileAsync(new DeviceFileFetchRequest
                {
                    SourceFile = remoteFiles[i],
                    DestinationFile = Path.Combine(hostDirectory, names[i]),
                    Verify = options.Verify,
                    Preserve = options.Preserve,
                    Resume = options.Resume,
                    Protocol = options.Protocol,
                    StepCompleted = step => Record(context, step, label, clock),
                }, cancellationToken).ConfigureAwait(false);
            }
        };
    }

    /// <summary>Where a pushed folder goes: the named path, or (a location only) into that location, "." being the login directory.</summary>
    private static string TreeDestination(DeviceFilePath destination)
    {
        string location = destination.Location ?? "";
        if (destination.Name is not { } name) return location.Length == 0 ? "." : location;
        return location.Length == 0 ? name : location.EndsWith('/') || location.EndsWith(':') ? location + name : $"{location}/{name}";
    }

    private static void Record(HostJobContext context, DeviceFileTransferStep step, string file, Stopwatch clock)
    {
        context.AddResult($"{step.Name} {file}", step.Detail, clock.Elapsed);
        clock.Restart();
    }
}
