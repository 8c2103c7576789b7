using Vty.Ssh.FileTransfer;
using Vty.Ssh.Sftp.Client;

namespace Vty.Ssh.Sftp;

public sealed partial class SftpClient
{
    /// <summary>Uploads one file, many writes in flight; returns the bytes sent.</summary>
    /// <exception cref="FileTransferInterruptedException">The session broke part way.</exception>
    public Task<long> UploadFileAsync(string localPath, string remotePath, FileTransferOptions? options, CancellationToken ct) =>
        new SftpUpload(this, localPath, remotePath, options ?? FileTransferOptions.Default).RunAsync(ct);

    /// <summary>Downloads one file, many reads in flight; with <see cref="FileTransferOptions.Resume"/> continues a partial local file.</summary>
    /// <exception cref="FileTransferInterruptedException">The session broke part way; the local file then holds the intact prefix.</exception>
    public Task<long> DownloadFileAsync(string remotePath, string localPath, FileTransferOptions? options, CancellationToken ct) =>
        new SftpDownload(this, remotePath, localPath, options ?? FileTransferOptions.Default).RunAsync(ct);

    /// <summary>Uploads a directory tree (files, directories, symbolic links as links); returns the bytes sent.</summary>
    public Task<long> UploadDirectoryAsync(string localDirectory, string remoteDirectory, FileTransferOptions? options, CancellationToken ct) =>
        new SftpTreeTransfer(this, options ?? FileTransferOptions.Default).UploadAsync(localDirectory, remoteDirectory, 0, ct);

    /// <summary>Downloads a directory tree (files, directories, symbolic links as links); returns the bytes received.</summary>
    public Task<long> DownloadDirectoryAsync(string remoteDirectory, string localDirectory, FileTransferOptions? options, CancellationToken ct) =>
        new SftpTreeTransfer(this, options ?? FileTransferOptions.Default).DownloadAsync(remoteDirectory, localDirectory, 0, ct);

    /// <summary>Opens a remote file as a <see cref="Stream"/> with read-ahead and write-behind.</summary>
    public async Task<SftpFileStream> OpenStreamAsync(string path, FileMode mode, FileAccess access, CancellationToken ct)
    {
        SftpOpenMode flags = access switch
        {
            FileAccess.Read => SftpOpenMode.Read,
            FileAccess.Write => SftpOpenMode.Write,
            _ => SftpOpenMode.Read | SftpOpenMode.Write,
        };
        flags |= mode switch
        {
            FileMode.CreateNew => SftpOpenMode.Create | SftpOpenMode.Exclusive,
            FileMode.Create => SftpOpenMode.Create | SftpOpenMode.Truncate,
            FileMode.OpenOrCreate => SftpOpenMode.Create,
            FileMode.Truncate => SftpOpenMode.Truncate,
            FileMode.Append => SftpOpenMode.Create | SftpOpenMode.Append,
            _ => 0,
        };
        if (mode == FileMode.Append && access == FileAccess.Read) throw new ArgumentException("FileMode.Append needs write access", nameof(access));
        SftpHandle handle = await OpenFileAsync(path, flags, null, ct);
        long position = 0;
        if (mode == FileMode.Append)
        {
            try
            {
                position = (await GetAttributesAsync(handle, ct)).Size ?? 0;
            }
            catch
            {
                await CloseQuietlyAsync(handle);
                throw;
            }
        }
        return new SftpFileStream(this, handle, access, position);
    }
}
