namespace Vty.Ssh.Sftp;

/// <summary>Remote paths are always '/'-separated, whatever the local OS.</summary>
public static class SftpPath
{
    /// <summary>Joins a remote directory and a name.</summary>
    public static string Join(string directory, string name) =>
        directory.Length == 0 ? name : directory.EndsWith('/') ? directory + name : directory + "/" + name;

    /// <summary>The last component of a remote path ("" for "/").</summary>
    public static string GetFileName(string path)
    {
        string trimmed = path.TrimEnd('/');
        int slash = trimmed.LastIndexOf('/');
        return slash < 0 ? trimmed : trimmed[(slash + 1)..];
    }
}
