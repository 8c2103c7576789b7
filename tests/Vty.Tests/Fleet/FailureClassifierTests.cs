using System.Net.Sockets;
using Vty.Devices;
using Vty.Fleet;
using Vty.Ssh.Sftp;

namespace Vty.Tests.Fleet;

/// <summary>
/// Local file errors are told apart from network ones: each exception here is the real one the
/// operation throws (a missing file, a directory opened for writing, a write to a full device),
/// not one built by hand, except where the network is the point.
/// </summary>
public sealed class FailureClassifierTests
{
    private static Exception Caught(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            return e;
        }
        throw new Xunit.Sdk.XunitException("the action did not throw");
    }

    [Fact]
    public void AMissingLocalFileIsALocalFileFailure()
    {
        Exception e = Caught(() => File.OpenRead(Path.Combine(Path.GetTempPath(), $"vty-missing-{Guid.NewGuid():N}", "image.bin")).Dispose());
        Assert.IsType<DirectoryNotFoundException>(e);
        Assert.Equal(FailureKind.LocalFile, FailureClassifier.Classify(e).Kind);
        Exception file = Caught(() => File.OpenRead(Path.Combine(Path.GetTempPath(), $"vty-missing-{Guid.NewGuid():N}.bin")).Dispose());
        Assert.IsType<FileNotFoundException>(file);
        Assert.Equal(FailureKind.LocalFile, FailureClassifier.Classify(file).Kind);
    }

    [Fact]
    public void ALocalPathThatCannotBeWrittenIsALocalFileFailure()
    {
        // A directory opened for writing: refused by the OS as access denied, whoever runs the test.
        string dir = Directory.CreateTempSubdirectory("vty-classify-").FullName;
        try
        {
            Exception e = Caught(() => File.WriteAllText(dir, "x"));
            Assert.IsType<UnauthorizedAccessException>(e);
            Assert.Equal(FailureKind.LocalFile, FailureClassifier.Classify(e).Kind);
        }
        finally
        {
            Directory.Delete(dir);
        }
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void ALocalDiskFullIsALocalFileFailure()
    {
        // /dev/full answers every write with ENOSPC, as a full disk does.
        Exception e = Caught(() =>
        {
            using var full = new FileStream("/dev/full", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1);
            full.Write(new byte[4096]);
            full.Flush();
        });
        Assert.IsAssignableFrom<IOException>(e);
        (FailureKind kind, string reason) = FailureClassifier.Classify(e);
        Assert.Equal(FailureKind.LocalFile, kind);
        Assert.Contains("space", reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ALocalErrorUnderAFileTransferStepIsALocalFileFailure()
    {
        Exception io = Caught(() => Directory.CreateDirectory(Path.Combine(Environment.ProcessPath!, "sub")));
        var wrapped = new DeviceOperationException($"cannot create the folder for the files of r1: {io.Message}", io);
        Assert.Equal(FailureKind.LocalFile, FailureClassifier.Classify(wrapped).Kind);
        var step = new DeviceFileTransferException("cannot read the local file x.bin", [], new FileNotFoundException("x.bin"));
        Assert.Equal(FailureKind.LocalFile, FailureClassifier.Classify(step).Kind);
    }

    [Fact]
    public void NetworkAndRemoteErrorsAreNotLocal()
    {
        var reset = new IOException("Unable to read data from the transport connection", new SocketException((int)SocketError.ConnectionReset));
        Assert.Equal(FailureKind.Unreachable, FailureClassifier.Classify(reset).Kind);
        Assert.Equal(FailureKind.Unreachable, FailureClassifier.Classify(new SocketException((int)SocketError.ConnectionRefused)).Kind);
        // The remote side's "no such file" is the device's problem, not this machine's.
        var remote = new SftpNoSuchFileException("open /flash/x: no such file", "/flash/x", "No such file");
        Assert.NotEqual(FailureKind.LocalFile, FailureClassifier.Classify(new DeviceFileTransferException("copying failed", [], remote)).Kind);
        Assert.Equal("local-file", HostStatus.Of(FailureKind.LocalFile));
        Assert.Contains("local-file", HostStatus.All);
    }
}
