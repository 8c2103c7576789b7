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
/// </summary>
internal static class CpFleet
{
    /// <summary>True when an operand means "this path on every selected host" (<c>:PATH</c>).</summary>
    public static bool IsFleetRemote(string operand) => operand.StartsWith(':');

    public static Task<int> RunAsync(ParseResult parse, RunFleetOptions fleet, string[] operands, bool recursive, bool verify, bool scp, CancellationToken ct) =>
        RunFleetExecutor.ExecuteAsync(parse, fleet, "cp", async hosts =>
        {
            HostJob job = CreateJob(operands, recursive, new FleetFileTransferOptions
            {
                Job = await RunJobOptions.CreateAsync(parse, fleet, hosts).ConfigureAwait(false),
                Verify = verify,
                Protocol = scp ? FileTransferProtocol.Scp : FileTransferProtocol.Auto,
            });
            return job;
        }, ct);

    private static HostJob CreateJob(string[] operands, bool recursive, FleetFileTransferOptions options)
    {
        if (recursive)
            throw new UsageException("-r is not supported with --inventory: fleet copies are of files", "copy the files one by one, or archive the folder first");
        string destination = operands[^1];
        string[] sources = operands[..^1];
        if (IsFleetRemote(destination))
        {
            if (sources.FirstOrDefault(IsFleetRemote) is { } remote)
                throw new UsageException($"'{remote}' and '{destination}' are both remote: copy local files to the hosts, or remote files to a local folder");
            foreach (string source in sources)
            {
                if (Directory.Exists(source))
                    throw new UsageException($"{source} is a folder: fleet copies are of files", "name the files, or archive the folder first");
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
