using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Vty.Ssh.FileSystems;

namespace Vty.Lab.Files;

/// <summary>
/// IOS-style flash commands: <c>dir [flash:[/path]]</c>, <c>show flash:</c> and
/// <c>verify /md5 flash:FILE [HASH]</c> and <c>delete [/force] flash:FILE</c>, printed the way IOS
/// prints them (the forms Netmiko's file_transfer parses: "N bytes free", "Directory of …",
/// "verify /md5 (…) = HASH").
/// </summary>
internal static class LabFlashCommands
{
    public static IEnumerable<LabCommand> Create(string flash, string[] modes, bool deleteAsks = true)
    {
        string fs = Regex.Escape(flash.TrimEnd(':'));
        yield return new LabCommand(new Regex($@"^dir(?:\s+(?<path>\S+))?\s*$", RegexOptions.IgnoreCase), modes, ctx => Dir(ctx, flash, ctx.Arg("path")));
        yield return new LabCommand(new Regex($@"^show\s+{fs}:?\s*$", RegexOptions.IgnoreCase), modes, ctx => Dir(ctx, flash, ""));
        yield return new LabCommand(new Regex(@"^verify\s+/md5\s+(?<path>\S+)(?:\s+(?<hash>[0-9a-fA-F]{32}))?\s*$", RegexOptions.IgnoreCase), modes,
            ctx => VerifyMd5(ctx, flash, ctx.Arg("path"), ctx.Arg("hash")));
        yield return new LabCommand(new Regex(@"^delete\s+(?<force>/force\s+)?(?<path>\S+)\s*$", RegexOptions.IgnoreCase), modes, ctx =>
        {
            if (!deleteAsks || ctx.HasArg("force"))
                return Delete(ctx, flash, ctx.Arg("path"));
            string? path = LabFlash.ToFlashPath(ctx.Arg("path"), flash);
            return LabOutput.Ask("", new LabQuestion($"Delete {flash}{path}? [confirm]", true, (answer, x) =>
                answer.Trim().Length == 0 || answer.Trim().StartsWith('y') ? Delete(x, flash, ctx.Arg("path")) : LabOutput.None));
        });
    }

    private static LabOutput Delete(LabCommandContext ctx, string flash, string argument)
    {
        string? path = LabFlash.ToFlashPath(argument, flash);
        if (path is null) return LabOutput.Fail($"%Error deleting {argument} (No such device)\n");
        try
        {
            LabFlash.Now(LabFlash.Of(ctx.Device).DeleteFileAsync(path, default));
        }
        catch (IOException)
        {
            return LabOutput.Fail($"%Error deleting {flash}{path} (No such file or directory)\n");
        }
        return LabOutput.None;
    }

    private static LabOutput Dir(LabCommandContext ctx, string flash, string argument)
    {
        InMemoryFileSystem files = LabFlash.Of(ctx.Device);
        string? path = LabFlash.ToFlashPath(argument.Length == 0 ? flash : argument, flash);
        if (path is null) return LabOutput.Fail($"%Error opening {argument} (No such device)\n");
        ServedFileInfo target;
        try
        {
            target = LabFlash.Now(files.GetInfoAsync(path, true, default));
        }
        catch (IOException)
        {
            return LabOutput.Fail($"%Error opening {flash}{path} (No such file or directory)\n");
        }
        IReadOnlyList<ServedFileInfo> entries = target.Kind == ServedFileKind.Directory
            ? LabFlash.Now(files.ListDirectoryAsync(path, default))
            : [target];
        string shown = target.Kind == ServedFileKind.Directory ? path : VirtualPath.Parent(path) == "/" ? "/" + target.Name : path;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Directory of {flash}{shown}\n\n");
        if (entries.Count == 0) text.Append("No files in directory\n");
        int index = 1;
        foreach (ServedFileInfo entry in entries)
        {
            string kind = entry.Kind == ServedFileKind.Directory ? "drw-" : "-rw-";
            text.Append(CultureInfo.InvariantCulture,
                $"{index++,5}  {kind} {entry.Size,12}  {entry.LastWriteTime.UtcDateTime:MMM d yyyy HH:mm:ss} +00:00  {entry.Name}\n");
        }
        ServedCapacity capacity = LabFlash.Now(files.GetCapacityAsync("/", default));
        text.Append(CultureInfo.InvariantCulture, $"\n{capacity.TotalBytes} bytes total ({capacity.AvailableBytes} bytes free)\n");
        return LabOutput.Of(text.ToString());
    }

    private static LabOutput VerifyMd5(LabCommandContext ctx, string flash, string argument, string expected)
    {
        InMemoryFileSystem files = LabFlash.Of(ctx.Device);
        string? path = LabFlash.ToFlashPath(argument, flash);
        if (path is null) return LabOutput.Fail($"%Error opening {argument} (No such device)\n");
        string digest;
        try
        {
            digest = Md5(files, path);
        }
        catch (IOException)
        {
            return LabOutput.Fail($"%Error opening {flash}{path} (No such file or directory)\n");
        }
        var text = new StringBuilder("....................Done!\n");
        if (expected.Length == 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"verify /md5 ({flash}{path}) = {digest}\n");
        }
        else
        {
            text.Append(digest.Equals(expected, StringComparison.OrdinalIgnoreCase)
                ? $"Verified ({flash}{path}) = {digest}\n"
                : $"%Error verifying {flash}{path}\nComputed signature {digest}\nSubmitted signature {expected.ToLowerInvariant()}\n");
        }
        return LabOutput.Of(text.ToString());
    }

    internal static string Md5(InMemoryFileSystem files, string path)
    {
        IServedFile file = LabFlash.Now(files.OpenFileAsync(path, ServedOpenMode.Read, null, default));
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        byte[] buffer = new byte[64 * 1024];
        long offset = 0;
        int n;
        while ((n = LabFlash.Now(file.ReadAsync(offset, buffer, default))) > 0)
        {
            md5.AppendData(buffer, 0, n);
            offset += n;
        }
        LabFlash.Now(file.DisposeAsync());
        return Convert.ToHexStringLower(md5.GetHashAndReset());
    }
}
