using Vty.Ssh.Keys;
using Vty.Ssh.KnownHosts;
using Vty.Ssh.Tests.Keys;

namespace Vty.Ssh.Tests.KnownHosts;

public sealed class KnownHostsFileTests : IDisposable
{
    private readonly KeygenTool _dir = new();
    private readonly SshPrivateKey _a = SshPrivateKey.Generate("ssh-ed25519");
    private readonly SshPrivateKey _b = SshPrivateKey.Generate("ssh-ed25519");
    private readonly SshPrivateKey _ecdsa = SshPrivateKey.Generate("ecdsa-sha2-nistp256");

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
        _ecdsa.Dispose();
        _dir.Dispose();
    }

    private SshPublicKey A => _a.PublicKey;
    private SshPublicKey B => _b.PublicKey;

    private KnownHostsFile Write(params string[] lines)
    {
        string path = _dir.PathOf("known_hosts");
        File.WriteAllLines(path, lines);
        return KnownHostsFile.Load(path);
    }

    [Fact]
    public void Missing_file_is_empty_and_everything_is_unknown()
    {
        KnownHostsFile file = KnownHostsFile.Load(_dir.PathOf("nope/known_hosts"));
        Assert.Empty(file.Entries);
        Assert.Equal(KnownHostsStatus.Unknown, file.Lookup("host", 22, A).Status);
    }

    [Fact]
    public void Known_changed_and_unknown_report_the_line()
    {
        KnownHostsFile file = Write("# comment", "", "server1 " + A.ToOpenSshLine("c"), "server2 " + _ecdsa.PublicKey.ToOpenSshLine());
        Assert.Equal(new KnownHostsLookup(KnownHostsStatus.Known, 3, A), file.Lookup("server1", 22, A));
        Assert.Equal(new KnownHostsLookup(KnownHostsStatus.Known, 3, A), file.Lookup("SERVER1", 22, A));
        Assert.Equal(new KnownHostsLookup(KnownHostsStatus.Changed, 3, A), file.Lookup("server1", 22, B));
        Assert.Equal(KnownHostsStatus.Unknown, file.Lookup("server3", 22, A).Status);
    }

    [Fact]
    public void A_key_of_another_type_than_the_recorded_ones_is_a_changed_host()
    {
        // A man in the middle cannot show the recorded ed25519 key, but it can show an ECDSA one.
        KnownHostsFile file = Write("server1 " + A.ToOpenSshLine(), "server2 " + _ecdsa.PublicKey.ToOpenSshLine());
        Assert.Equal(new KnownHostsLookup(KnownHostsStatus.Changed, 1, A), file.Lookup("server1", 22, _ecdsa.PublicKey));
        Assert.Equal(new KnownHostsLookup(KnownHostsStatus.Changed, 2, _ecdsa.PublicKey), file.Lookup("server2", 22, A));
    }

    [Fact]
    public void A_changed_host_reports_a_recorded_key_of_the_presented_type_first()
    {
        KnownHostsFile file = Write("host " + _ecdsa.PublicKey.ToOpenSshLine(), "host " + A.ToOpenSshLine());
        Assert.Equal(new KnownHostsLookup(KnownHostsStatus.Changed, 2, A), file.Lookup("host", 22, B));
    }

    [Fact]
    public void HostKeys_lists_the_plain_lines_naming_the_host_in_file_order()
    {
        KnownHostsFile file = Write(
            "host " + _ecdsa.PublicKey.ToOpenSshLine(),
            "other " + B.ToOpenSshLine(),
            "@revoked host " + B.ToOpenSshLine(),
            "@cert-authority host " + B.ToOpenSshLine(),
            "h* " + A.ToOpenSshLine());
        Assert.Equal([1, 5], file.HostKeys("host", 22).Select(e => e.LineNumber));
        Assert.Empty(file.HostKeys("nothing", 22));
        Assert.Equal(KnownHostsStatus.Unknown, file.Lookup("nothing", 22, A).Status);
    }

    [Fact]
    public void A_matching_line_wins_over_a_changed_one()
    {
        KnownHostsFile file = Write("host " + B.ToOpenSshLine(), "host " + A.ToOpenSshLine());
        Assert.Equal(new KnownHostsLookup(KnownHostsStatus.Known, 2, A), file.Lookup("host", 22, A));
    }

    [Fact]
    public void Ports_other_than_22_use_bracket_form()
    {
        KnownHostsFile file = Write("[router]:2222 " + A.ToOpenSshLine(), "router " + B.ToOpenSshLine());
        Assert.Equal(KnownHostsStatus.Known, file.Lookup("router", 2222, A).Status);
        Assert.Equal(KnownHostsStatus.Changed, file.Lookup("router", 2222, B).Status);
        Assert.Equal(KnownHostsStatus.Known, file.Lookup("router", 22, B).Status);
        Assert.Equal(KnownHostsStatus.Unknown, file.Lookup("router", 2200, A).Status);
        Assert.Equal("[::1]:2222", KnownHostsFile.HostName("::1", 2222));
    }

    [Fact]
    public void Patterns_wildcards_lists_and_negation()
    {
        KnownHostsFile file = Write(
            "*.lab.example,!bad.lab.example,10.0.0.? " + A.ToOpenSshLine(),
            "[sw?]:* " + B.ToOpenSshLine());
        Assert.Equal(KnownHostsStatus.Known, file.Lookup("r1.lab.example", 22, A).Status);
        Assert.Equal(KnownHostsStatus.Known, file.Lookup("R1.LAB.EXAMPLE", 22, A).Status);
        Assert.Equal(KnownHostsStatus.Unknown, file.Lookup("bad.lab.example", 22, A).Status);
        Assert.Equal(KnownHostsStatus.Unknown, file.Lookup("lab.example", 22, A).Status);
        Assert.Equal(KnownHostsStatus.Known, file.Lookup("10.0.0.7", 22, A).Status);
        Assert.Equal(KnownHostsStatus.Unknown, file.Lookup("10.0.0.77", 22, A).Status);
        Assert.Equal(KnownHostsStatus.Known, file.Lookup("sw1", 830, B).Status);
        Assert.Equal(KnownHostsStatus.Unknown, file.Lookup("sw1", 22, B).Status);
    }

    [Fact]
    public void Revoked_keys_are_revoked_even_when_another_line_accepts_them()
    {
        KnownHostsFile file = Write("host " + A.ToOpenSshLine(), "@revoked * " + A.ToOpenSshLine());
        Assert.Equal(new KnownHostsLookup(KnownHostsStatus.Revoked, 2, A), file.Lookup("host", 22, A));
        Assert.Equal(KnownHostsStatus.Unknown, file.Lookup("other", 22, B).Status);
    }

    [Fact]
    public void Cert_authority_lines_are_recorded_but_do_not_vouch_for_plain_keys()
    {
        KnownHostsFile file = Write("@cert-authority *.example " + A.ToOpenSshLine("ca"));
        KnownHostsEntry entry = Assert.Single(file.Entries);
        Assert.Equal(KnownHostsMarker.CertAuthority, entry.Marker);
        Assert.Equal("ca", entry.Comment);
        Assert.Equal(KnownHostsStatus.Unknown, file.Lookup("h.example", 22, A).Status);
    }

    [Fact]
    public void Bad_lines_are_skipped_with_their_line_numbers()
    {
        string good = A.ToOpenSshLine();
        KnownHostsFile file = Write(
            "onlyhost",
            "host ssh-ed25519 !!!!",
            "@bogus host " + good,
            "host ssh-rsa " + good.Split(' ')[1],
            "|1|bad|hash " + good,
            "   ",
            "host " + good,
            "host ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAAA");
        Assert.Single(file.Entries);
        Assert.Equal(7, file.Entries[0].LineNumber);
        Assert.Equal(6, file.Warnings.Count);
        Assert.StartsWith("line 1:", file.Warnings[0]);
        Assert.StartsWith("line 2:", file.Warnings[1]);
        Assert.StartsWith("line 3:", file.Warnings[2]);
        Assert.Contains("does not match", file.Warnings[3]);
        Assert.StartsWith("line 5:", file.Warnings[4]);
        Assert.StartsWith("line 8:", file.Warnings[5]);
        Assert.Equal(KnownHostsStatus.Known, file.Lookup("host", 22, A).Status);
    }

    [Fact]
    public void Unsupported_key_types_are_kept_and_compared()
    {
        // An OpenSSH certificate type Vty cannot verify still occupies its line.
        byte[] blob = [0, 0, 0, 32, .. "ssh-ed25519-cert-v01@openssh.com"u8, 0, 0, 0, 1, 7];
        string line = "host ssh-ed25519-cert-v01@openssh.com " + Convert.ToBase64String(blob);
        KnownHostsFile file = Write(line);
        Assert.Empty(file.Warnings);
        Assert.False(Assert.Single(file.Entries).Key.IsSupported);
        // The host is known, by a key Vty cannot check: another key must not be taken as new.
        Assert.Equal(KnownHostsStatus.Changed, file.Lookup("host", 22, A).Status);
        Assert.Equal(KnownHostsStatus.Unknown, file.Lookup("other", 22, A).Status);
    }

    [Fact]
    public async Task Hashed_entries_written_by_ssh_keygen_are_matched()
    {
        string path = _dir.PathOf("known_hosts");
        await File.WriteAllLinesAsync(path, ["alpha.example " + A.ToOpenSshLine(), "[beta.example]:2200 " + B.ToOpenSshLine()]);
        await _dir.RunAsync(["-H", "-f", path]);
        KnownHostsFile file = KnownHostsFile.Load(path);
        Assert.Equal(2, file.Entries.Count);
        Assert.All(file.Entries, e => Assert.True(e.IsHashed));
        Assert.DoesNotContain("alpha", await File.ReadAllTextAsync(path));
        Assert.Equal(KnownHostsStatus.Known, file.Lookup("alpha.example", 22, A).Status);
        Assert.Equal(KnownHostsStatus.Changed, file.Lookup("alpha.example", 22, B).Status);
        Assert.Equal(KnownHostsStatus.Known, file.Lookup("beta.example", 2200, B).Status);
        Assert.Equal(KnownHostsStatus.Unknown, file.Lookup("beta.example", 22, B).Status);
        Assert.Equal(KnownHostsStatus.Unknown, file.Lookup("gamma.example", 22, A).Status);
    }

    [Fact]
    public async Task Added_lines_are_found_by_ssh_keygen_and_reloaded()
    {
        string path = _dir.PathOf("sub/dir/known_hosts");
        KnownHostsFile file = KnownHostsFile.Load(path);
        file.Add("Plain.Example", 22, A);
        file.Add("hashed.example", 2222, B, hashHostName: true);
        Assert.Equal(new KnownHostsLookup(KnownHostsStatus.Known, 2, B), file.Lookup("hashed.example", 2222, B));

        string text = await File.ReadAllTextAsync(path);
        Assert.StartsWith("plain.example ssh-ed25519 ", text);
        Assert.DoesNotContain("hashed.example", text);
        Assert.Contains("Host plain.example found: line 1", await _dir.RunAsync(["-F", "plain.example", "-f", path]));
        Assert.Contains("found: line 2", await _dir.RunAsync(["-F", "[hashed.example]:2222", "-f", path]));

        KnownHostsFile reloaded = KnownHostsFile.Load(path);
        Assert.Equal(new KnownHostsLookup(KnownHostsStatus.Known, 1, A), reloaded.Lookup("plain.example", 22, A));
        Assert.Equal(new KnownHostsLookup(KnownHostsStatus.Known, 2, B), reloaded.Lookup("hashed.example", 2222, B));
    }

    [Fact]
    public void Add_terminates_an_unterminated_last_line_and_numbers_lines_right()
    {
        string path = _dir.PathOf("known_hosts");
        File.WriteAllText(path, "# first\nhost1 " + A.ToOpenSshLine());
        KnownHostsFile file = KnownHostsFile.Load(path);
        file.Add("host2", 22, B);
        Assert.Equal(new KnownHostsLookup(KnownHostsStatus.Known, 3, B), file.Lookup("host2", 22, B));
        KnownHostsFile reloaded = KnownHostsFile.Load(path);
        Assert.Equal(3, reloaded.Entries[1].LineNumber);
        Assert.Empty(reloaded.Warnings);
    }

    [Fact]
    public async Task Concurrent_adds_from_many_instances_all_land()
    {
        string path = _dir.PathOf("known_hosts");
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            KnownHostsFile.Load(path).Add("host" + i, 22, i % 2 == 0 ? A : B, hashHostName: i % 3 == 0))));
        KnownHostsFile file = KnownHostsFile.Load(path);
        Assert.Empty(file.Warnings);
        Assert.Equal(20, file.Entries.Count);
        for (int i = 0; i < 20; i++)
            Assert.Equal(KnownHostsStatus.Known, file.Lookup("host" + i, 22, i % 2 == 0 ? A : B).Status);
    }
}
