using System.Text;

namespace Vty.Fleet;

/// <summary>
/// A run's output folder: <c>results.jsonl</c> (one line per host, appended and flushed as each
/// host finishes) and <c>transcripts/HOST.log</c> (what each device printed). Secrets never reach
/// it: transcripts hold received text only.
/// </summary>
public sealed class FleetOutputFolder : IFleetObserver, IAsyncDisposable
{
    /// <summary>File name of the results inside the folder.</summary>
    public const string ResultsFileName = "results.jsonl";

    /// <summary>Sub-folder of the transcripts.</summary>
    public const string TranscriptsFolderName = "transcripts";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private readonly StreamWriter _results;
    private readonly JsonLinesResultWriter _lines;

    // Results and transcripts hold running configurations and host data: private whatever the
    // umask (folders 0700, files 0600), as ssh does for its own files.
    private const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Creates (or reuses) the folder and starts a fresh <c>results.jsonl</c>. Folders this creates
    /// are 0700 and the files 0600 on Unix, whatever the umask; an existing folder keeps its mode.
    /// </summary>
    /// <exception cref="IOException">The folder or its files cannot be created.</exception>
    public FleetOutputFolder(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        try
        {
            CreatePrivateFolder(Path);
            CreatePrivateFolder(System.IO.Path.Combine(Path, TranscriptsFolderName));
            _results = new StreamWriter(OpenPrivateFile(ResultsPath), Utf8NoBom);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new IOException($"cannot write the output folder '{Path}': {e.Message}", e);
        }
        _lines = new JsonLinesResultWriter(_results);
    }

    /// <summary>Absolute path of the folder.</summary>
    public string Path { get; }

    /// <summary>Absolute path of <c>results.jsonl</c>.</summary>
    public string ResultsPath => System.IO.Path.Combine(Path, ResultsFileName);

    /// <summary>The transcript file of a host.</summary>
    public string TranscriptPath(string hostName) => System.IO.Path.Combine(Path, TranscriptsFolderName, SafeFileName(hostName) + ".log");

    /// <summary>Opens a host's transcript for writing (plug into <see cref="FleetRunOptions.OpenTranscript"/>).</summary>
    public TextWriter OpenTranscript(string hostName) =>
        new StreamWriter(OpenPrivateFile(TranscriptPath(hostName)), Utf8NoBom) { AutoFlush = true };

    public ValueTask HostFinishedAsync(HostResult result, CancellationToken cancellationToken) =>
        _lines.HostFinishedAsync(result, cancellationToken);

    public ValueTask HostNotStartedAsync(HostResult result, CancellationToken cancellationToken) =>
        _lines.HostNotStartedAsync(result, cancellationToken);

    public ValueTask DisposeAsync() => _results.DisposeAsync();

    private static void CreatePrivateFolder(string path)
    {
        if (Directory.Exists(path))
            return;
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(path);
        else
            Directory.CreateDirectory(path, PrivateFolder);
    }

    private static FileStream OpenPrivateFile(string path)
    {
        if (OperatingSystem.IsWindows())
            return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            Share = FileShare.Read,
            UnixCreateMode = PrivateFile,
        });
        // A file left by an earlier run keeps its old mode when truncated: tighten it too.
        File.SetUnixFileMode(stream.SafeFileHandle, PrivateFile);
        return stream;
    }

        /// <summary>Host names become file names: anything outside letters, digits, '.', '-' and '_' becomes '_'.</summary>
    public static string SafeFileName(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (char c in name)
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        string safe = builder.ToString().Trim('.');
        return safe.Length == 0 ? "host" : safe;
    }
}
