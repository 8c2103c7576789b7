using System.Diagnostics;

namespace Vty.History;

/// <summary>
/// Runs the <c>--on-change</c> command once per changed host, through <c>/bin/sh -c</c>, with
/// <c>VTY_HOST</c>, <c>VTY_COMMIT</c>, <c>VTY_REPO</c>, <c>VTY_FILE</c> and <c>VTY_DIFF</c> (a file
/// holding the host's unified diff) in its environment. A failing hook is reported, never fatal.
/// </summary>
public static class ChangeHook
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs <paramref name="command"/> for <paramref name="hostName"/>; returns null when it succeeded, else why not.</summary>
    public static async Task<string?> RunAsync(string command, ConfigRepository repository, string hostName, string commit, CancellationToken cancellationToken = default)
    {
        string diff = await repository.CommitDiffAsync(hostName, commit, cancellationToken).ConfigureAwait(false);
        string diffPath = Path.Combine(Path.GetTempPath(), $"vty-diff-{Guid.NewGuid():N}.patch");
        try
        {
            await using (var stream = new FileStream(diffPath, PrivateFile.Options(FileMode.CreateNew)))
            await using (var writer = new StreamWriter(stream))
                await writer.WriteAsync(diff.AsMemory(), cancellationToken).ConfigureAwait(false);

            var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(command);
            start.Environment["VTY_HOST"] = hostName;
            start.Environment["VTY_COMMIT"] = commit;
            start.Environment["VTY_REPO"] = repository.Path;
            start.Environment["VTY_FILE"] = repository.FilePath(hostName);
            start.Environment["VTY_DIFF"] = diffPath;
            using Process process = Process.Start(start) ?? throw new InvalidOperationException("/bin/sh could not be started");
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            Task<string> stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            Task<string> stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return cancellationToken.IsCancellationRequested ? "cancelled" : $"did not finish within {Timeout.TotalSeconds:0} s";
            }
            await stdout.ConfigureAwait(false);
            string error = (await stderr.ConfigureAwait(false)).Trim();
            return process.ExitCode == 0 ? null : $"exit {process.ExitCode}{(error.Length > 0 ? ": " + error.Split('\n')[0] : "")}";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return e.Message;
        }
        finally
        {
            File.Delete(diffPath);
        }
    }
}
