using System.CommandLine;
using Vty.Cli.Output;
using Vty.Devices;
using Vty.Fleet;
using Vty.Ssh.FileTransfer;

namespace Vty.Cli.Commands;

/// <summary>
/// <c>vty cp --inventory F [--group G] LOCAL... :REMOTE</c> pushes to every selected host and
/// <c>vty cp --inventory F :REMOTE... DIR</c> pulls into DIR/HOST/, through the fleet runner: the
/// same parallelism, retries, JSON lines, output folder, table and exit code as <c>vty run</c>.
/// <c>-r</c> copies folders as trees, <c>-p</c> keeps times and modes, <c>--resume</c> continues partial pulls.
/// </summary>
internal static class CpFleet
{
    /// <summary>The cp options that shape the fleet job.</summary>
    public sealed record Flags(bool Recursive, bool Preserve, bool Resume, bool Verify, bool Scp);

    /// <summary>True when an operand means "this path on every selected host" (<c>:PATH</c>).</summary>
    public static bool IsFleetRemote(string operand) => operand.StartsWith(':');

    public static Task<int> RunAsync(ParseResult parse, RunFleetOptions fleet, string[] operands, Flags flags, CancellationToken ct) =>
        RunFleetExecutor.ExecuteAsync(parse, fleet, "cp", async hosts =>
        {
            HostJob job = CreateJob(operands, new FleetFileTransferOptions
            {
                Job = await RunJobOptions.CreateAsync(parse, fleet, hosts).ConfigureAwait(false),
                Verify = flags.Verify,
                Recursive = flags.Recursive,
                Preserve = flags.Preserve,
                Resume = flags.Resume,
                Protocol = flags.Scp ? FileTransferProtocol.Scp : FileTransferProtocol.Auto,
            });
            return job;
        }, ct);

    private static HostJob CreateJob(string[] operands, FleetFileTransferOptions options)
    {
        if (options.Recursive && options.Verify)
            throw new UsageException("--verify checks files, not trees copied with -r", "copy without --verify, or name the files");
        string destination = operands[^1];
        string[] sources = operands[..^1];
        if (IsFleetRemote(destination))
        {
            if (sources.FirstOrDefault(IsFleetRemote) is { } remote)
                throw new UsageException($"'{remote}' and '{destination}' are both remote: copy local files to the hosts, or remote files to a local folder");
            if (options.Resume)
                throw new UsageException("--resume continues pulls (copies from the hosts), not pushes", "push again without --resume");
            foreach (string source in sources)
            {
                if (Directory.Exists(source))
                {
                    if (!options.Recursive) throw new UsageException($"{source} is a folder", "copy folders with -r");
                    continue;
                }
                if (!File.Exists(source))
                    throw new UsageException($"the local file {source} does not exist");
            }
            DeviceFilePath target = DeviceFilePath.Parse(destination[1..]);
            if (sources.Length > 1 && target.Name is not null)
                throw new UsageException($"{sources.Length} files cannot all be called '{target.Name}'", "name a location instead: :flash: or :/tmp/ (a directory ends with '/')");
            return FileTransferJobs.Push(sources, target, options);
        }
        if (sources.FirstOrDefault(s => !IsFleetRemote(s)) is { } local)
            throw new UsageException($"'{local}' is local and '{destination}' too", "with --inventory, write the hosts' side as :PATH, e.g. vty cp --inventory F ios.bin :flash: or vty cp --inventory F :flash:/config.txt backups/");
        string[] remotes = [.. sources.Select(s => s[1..])];
        if (remotes.FirstOrDefault(r => string.IsNullOrEmpty(DeviceFilePath.Parse(r).Name)) is { } noName)
            throw new UsageException($"':{noName}' names no file to pull", "name the file, e.g. :flash:/config.txt or :/var/log/syslog");
        if (File.Exists(destination))
            throw new UsageException($"{destination} is a file; pulled files go to {destination}/HOST/, so it must be a folder");
        try
        {
            Directory.CreateDirectory(destination);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot create the folder {destination}: {e.Message}", "check the path and its permissions");
        }
        return FileTransferJobs.Pull(remotes, destination, options);
    }
}
