using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Vty.History;

/// <summary>
/// Runs the <c>git</c> command line in a repository. The CLI rather than a library: it is on every
/// machine that keeps configurations, needs no native binding, writes exactly the repository format
/// users' own tools read, and honours their git configuration (signing, hooks, gc).
/// </summary>
internal sealed class GitCli(string repository)
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    public string Repository { get; } = repository;

    /// <summary>Runs git with <paramref name="args"/>; returns standard output, or throws with git's message on a non-zero exit.</summary>
    public async Task<string> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken = default, IReadOnlyDictionary<string, string>? environment = null, string? input = null)
    {
        (int exit, string stdout, string stderr) = await RunRawAsync(args, cancellationToken, environment, input).ConfigureAwait(false);
        if (exit != 0)
            throw new ConfigRepositoryException($"git {string.Join(' ', args.Take(2))} failed in {Repository} (exit {exit}): {FirstLines(stderr.Length > 0 ? stderr : stdout)}");
        return stdout;
    }

    /// <summary>Runs git and returns its exit code with both outputs, for commands whose exit code is an answer (<c>diff --quiet</c>).</summary>
    public async Task<(int Exit, string Stdout, string Stderr)> RunRawAsync(IReadOnlyList<string> args, CancellationToken cancellationToken = default, IReadOnlyDictionary<string, string>? environment = null, string? input = null)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = Repository,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string arg in args)
            start.ArgumentList.Add(arg);
        // Stable, machine-readable output whatever the user's locale and pager settings.
        start.Environment["LC_ALL"] = "C";
        start.Environment["GIT_PAGER"] = "cat";
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        if (environment is not null)
        {
            foreach ((string key, string value) in environment)
                start.Environment[key] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new ConfigRepositoryException("git could not be started");
        }
        catch (Win32Exception e)
        {
            throw new ConfigRepositoryException("git is not installed or not on PATH; install it (apt-get install git) to keep configuration history", e);
        }

        using (process)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(DefaultTimeout);
            Task<string> stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            Task<string> stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                if (input is not null)
                {
                    await process.StandardInput.WriteAsync(input.AsMemory(), timeout.Token).ConfigureAwait(false);
                    process.StandardInput.Close();
                }
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                return (process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                throw new ConfigRepositoryException($"git {string.Join(' ', args.Take(2))} did not finish within {DefaultTimeout.TotalSeconds:0} s in {Repository}");
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
        }
    }

    private static string FirstLines(string text)
    {
        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "(no message)" : string.Join(" / ", lines.Take(3));
    }
}
