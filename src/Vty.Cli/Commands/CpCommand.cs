using System.CommandLine;
using Vty.Cli.Ssh;
using Vty.Ssh;
using Vty.Ssh.FileTransfer;

namespace Vty.Cli.Commands;

/// <summary>
/// <c>vty cp [-r] [-p] SRC... DST</c>: copies files like scp, with operands <c>[USER@]HOST:PATH</c>,
/// <c>ALIAS:PATH</c> (an ssh_config Host) or <c>ssh://USER@HOST[:PORT]/PATH</c>; SFTP by default (SCP
/// when the server has no SFTP, or with <c>--scp</c>). Exit status 0 when everything was copied, 1
/// when a file failed, 255 when the connection failed. With <c>--inventory</c>, <c>:PATH</c> means that
/// path on every selected host (<see cref="CpFleet"/>; exit status as <c>vty run</c>).
/// </summary>
internal static class CpCommand
{
    public static Command Create()
    {
        var operands = new Argument<string[]>("operands")
        {
            Description = "SRC... DST; remote ones as [USER@]HOST:PATH, ALIAS:PATH (ssh_config) or ssh://USER@HOST[:PORT]/PATH; with --inventory, :PATH on every selected host",
            Arity = new ArgumentArity(2, 1000),
        };
        var recursive = new Option<bool>("--recursive", "-r") { Description = "Copy directories recursively" };
        var preserve = new Option<bool>("--preserve", "-p") { Description = "Keep modification times and modes" };
        var scp = new Option<bool>("--scp") { Description = "Use the SCP protocol instead of SFTP" };
        var resume = new Option<bool>("--resume") { Description = "Continue partial downloads (SFTP)" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress bar" };
        var verify = new Option<bool>("--verify")
        {
            Description = "Compare hashes after each copy: the device's own (verify /md5 on IOS-style flash, sha256sum on Linux), else the file read back over SFTP",
        };
        var fleet = new RunFleetOptions();
        fleet.Parallel.Aliases.Remove("-p");   // -p is --preserve here, as in scp
        SshCommandLineOptions ssh = fleet.Ssh;
        var command = new Command("cp", "Copy files to or from a host over SFTP (or SCP), like scp; with --inventory, to or from every selected host.");
        command.Arguments.Add(operands);
        foreach (Option o in new Option[] { recursive, preserve, scp, resume, quiet, verify }) command.Options.Add(o);
        fleet.AddTo(command, hostUrls: false);
        command.SetAction(async (parse, ct) =>
        {
            TextWriter error = parse.InvocationConfiguration.Error;
            string[] given = parse.GetValue(operands) ?? [];
            if (parse.GetValue(fleet.Inventory) is not null)
            {
                return await CpFleet.RunAsync(parse, fleet, given, new CpFleet.Flags(parse.GetValue(recursive), parse.GetValue(preserve), parse.GetValue(resume),
                    parse.GetValue(verify), parse.GetValue(scp)), ct);
            }
            if (given.FirstOrDefault(CpFleet.IsFleetRemote) is { } fleetOperand)
            {
                await error.WriteLineAsync($"vty: '{fleetOperand}' means that path on every host of an inventory; add --inventory FILE [--group G], or name the host as HOST:PATH");
                return 2;
            }
            List<CpOperand> parsed;
            try
            {
                parsed = given.Select(CpOperand.Parse).ToList();
            }
            catch (FormatException e)
            {
                await error.WriteLineAsync($"vty: {e.Message}");
                return 2;
            }
            CpOperand destination = parsed[^1];
            List<CpOperand> sources = parsed[..^1];
            bool upload = destination.IsRemote;
            if (upload ? sources.Any(s => s.IsRemote) : sources.Any(s => !s.IsRemote))
            {
                await error.WriteLineAsync("vty: copy either local files to one host or files of one host to a local path (remote-to-remote and local-to-local are not supported)");
                return 2;
            }
            SshTarget target = upload ? destination.Remote! : sources[0].Remote!;
            if (!upload && sources.Any(s => s.Remote != target))
            {
                await error.WriteLineAsync("vty: all remote sources must be on the same host");
                return 2;
            }
            if (sources.Count > 1 && !upload && !Directory.Exists(destination.Path))
            {
                await error.WriteLineAsync($"vty: copying several files needs an existing directory as the destination, and {destination.Path} is not one");
                return 2;
            }
            SshClientOptions options;
            try
            {
                options = ssh.Build(parse, target);
            }
            catch (Exception e) when (e is FormatException or SshException or IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"vty: {e.Message}");
                return ExecCommand.FailureExitCode;
            }
            var progress = new CpProgress(error, !parse.GetValue(quiet) && !Console.IsErrorRedirected);
            var transfer = new FileTransferOptions { Preserve = parse.GetValue(preserve), Resume = parse.GetValue(resume), Progress = progress.Callback, ProgressInterval = 256 * 1024 };
            FileTransferProtocol protocol = parse.GetValue(scp) ? FileTransferProtocol.Scp : FileTransferProtocol.Auto;
            if (parse.GetValue(verify) && parse.GetValue(recursive))
            {
                await error.WriteLineAsync("vty: --verify checks files, not trees copied with -r");
                return 2;
            }
            return await RunAsync(options, sources, destination, upload, parse.GetValue(recursive), parse.GetValue(verify), transfer, protocol, progress, error, ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(SshClientOptions options, List<CpOperand> sources, CpOperand destination, bool upload, bool recursive, bool verify,
        FileTransferOptions transfer, FileTransferProtocol protocol, CpProgress progress, TextWriter error, CancellationToken ct)
    {
        SshClient client;
        try
        {
            client = await SshClient.ConnectAsync(options, ct);
        }
        catch (SshException e)
        {
            await error.WriteLineAsync($"vty: {e.Message}");
            return ExecCommand.FailureExitCode;
        }
        int failures = 0;
        await using (client)
        {
            foreach (CpOperand source in sources)
            {
                try
                {
                    FileTransferResult copied = upload
                        ? await SshFileTransfer.UploadAsync(client, source.Path, destination.Path, recursive, transfer, protocol, ct)
                        : await SshFileTransfer.DownloadAsync(client, source.Path.Length == 0 ? "." : source.Path, destination.Path, recursive, transfer, protocol, ct);
                    progress.Finish();
                    if (verify && !await VerifyAsync(client, upload ? source.Path : copied.Destination, upload ? copied.Destination : source.Path,
                            upload ? Path.GetFileName(Path.TrimEndingDirectorySeparator(source.Path)) : null, error, ct))
                        failures++;
                }
                catch (Exception e) when (e is SshException or IOException or UnauthorizedAccessException or NotSupportedException)
                {
                    progress.Finish();
                    await error.WriteLineAsync($"vty: {source}: {e.Message}");
                    failures++;
                    if (!client.IsConnected) return ExecCommand.FailureExitCode;
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    progress.Finish();
                    await error.WriteLineAsync("vty: cancelled");
                    return 130;
                }
            }
        }
        return failures == 0 ? 0 : 1;
    }

    /// <summary>Compares the local file's SHA-256 with the remote one read back over SFTP; says what differs.</summary>
    private static async Task<bool> VerifyAsync(SshClient client, string localPath, string remotePath, string? uploadedName, TextWriter error, CancellationToken ct)
    {
        string local = await SshFileTransfer.LocalSha256Async(localPath, ct);
        string remote = await SshFileTransfer.RemoteSha256Async(client, remotePath, uploadedName, ct);
        if (local == remote) return true;
        await error.WriteLineAsync($"vty: {remotePath}: SHA-256 {remote} on the host, {local} here: the copy is damaged; copy it again");
        return false;
    }
}
