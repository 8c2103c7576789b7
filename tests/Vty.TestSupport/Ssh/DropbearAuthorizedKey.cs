namespace Vty.TestSupport.Ssh;

/// <summary>
/// Authorizes a test key for <see cref="SshTestUser"/> with Dropbear, which reads only the user's own
/// ~/.ssh/authorized_keys: adds the key's line there (creating the file owned by the user, as
/// Dropbear demands) and takes it out again on dispose. Every change goes through one lock file, so
/// test processes running side by side do not lose each other's lines. Needs root.
/// </summary>
public sealed class DropbearAuthorizedKey : IAsyncDisposable
{
    private const string SshDirectory = "/home/" + SshTestUser.Name + "/.ssh";
    private static readonly string AuthorizedKeys = Path.Combine(SshDirectory, "authorized_keys");
    private readonly string _line;

    private DropbearAuthorizedKey(string line) => _line = line;

    /// <summary>Adds the public key of <see cref="SshTestKeys"/> key <paramref name="keyName"/>.</summary>
    public static async Task<DropbearAuthorizedKey> AddAsync(string keyName)
    {
        if (!System.IO.Directory.Exists("/home/" + SshTestUser.Name))
            throw new DirectoryNotFoundException($"the test user's home /home/{SshTestUser.Name} is missing (run scripts/install-test-deps.sh)");
        // The key files are per test process, so the line (key and comment) is unique to this process.
        string line = await SshTestKeys.GetPublicLineAsync(keyName) + "-" + Environment.ProcessId;
        await EditAsync(lines => lines.Add(line));
        return new DropbearAuthorizedKey(line);
    }

    public async ValueTask DisposeAsync() => await EditAsync(lines => lines.RemoveAll(l => l == _line));

    private static async Task EditAsync(Action<List<string>> change)
    {
        System.IO.Directory.CreateDirectory(SshDirectory);
        await using FileStream lockFile = await LockAsync(Path.Combine(SshDirectory, ".vty-test-lock"));
        var lines = File.Exists(AuthorizedKeys) ? [.. await File.ReadAllLinesAsync(AuthorizedKeys)] : new List<string>();
        change(lines);
        await File.WriteAllLinesAsync(AuthorizedKeys, lines);
        await ManagedProcess.RunCheckedAsync("chmod", "700", SshDirectory);
        await ManagedProcess.RunCheckedAsync("chmod", "600", AuthorizedKeys);
        await ManagedProcess.RunCheckedAsync("chown", "-R", $"{SshTestUser.Name}:{SshTestUser.Name}", SshDirectory);
    }

    private static async Task<FileStream> LockAsync(string path)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 200)
            {
                await Task.Delay(50);
            }
        }
    }
}
