using System.CommandLine;
using Vty.Cli.Ssh;
using Vty.Inventory;
using InventoryFormatKind = Vty.Inventory.Formats.InventoryFormat;
using InventoryLoadOptions = Vty.Inventory.Formats.InventoryLoadOptions;

namespace Vty.Cli.Commands;

/// <summary>
/// The options shared by <c>vty run</c>, <c>vty config</c> and <c>vty task</c>: which hosts, how to
/// reach them, how many at once, and where results go.
/// </summary>
internal sealed class RunFleetOptions
{
    public Argument<string[]> Urls { get; } = new("url")
    {
        Description = "Hosts to run on: ssh://[user@]host[:port], telnet://host[:port], dummy://name, or a bare host (SSH).",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<string?> Inventory { get; } = new("--inventory") { Description = "Inventory with the hosts: Vty YAML, Ansible YAML/INI, a Nornir hosts.yaml (or its folder), CSV or router.db (see docs/user-guide.md)." };

    public Option<string?> InventoryFormat { get; } = new("--inventory-format") { Description = "Format of --inventory: auto (default: from the file name and content), vty, ansible, ansible-ini, nornir, csv, routerdb." };

    public Option<string?> InventorySeparator { get; } = new("--inventory-separator") { Description = "Field separator of a CSV or router.db inventory (default ',' for CSV, ':' for router.db)." };

    public Option<string?> InventoryColumns { get; } = new("--inventory-columns")
    {
        Description = "Comma-separated column names of a CSV or router.db inventory (default: the CSV header; name,model for router.db), e.g. name,ip,model,group.",
    };

    public Option<string?> Group { get; } = new("--group", "-g") { Description = "Only the hosts of these groups (comma-separated; host names also accepted)." };

    public Option<string?> Driver { get; } = new("--driver", "-d") { Description = "Driver for hosts that do not name one (ios, junos, eos, nxos, linux, …; default: guess)." };

    public Option<bool> Enable { get; } = new("--enable") { Description = "Enter privileged mode (enable) before running; the password comes from VTY_ENABLE_PASSWORD or the login password." };

    public Option<int> Parallel { get; } = new("--parallel", "-p") { Description = "Hosts worked on at once.", DefaultValueFactory = _ => 20 };

    public Option<double> Timeout { get; } = new("--timeout", "-t") { Description = "Seconds one host may take (connect, login and all commands).", DefaultValueFactory = _ => 60 };

    public Option<int> Retries { get; } = new("--retries") { Description = "Extra attempts for hosts that were unreachable or timed out before the first command was sent (never after: no change is sent twice)." };

    public Option<string?> MaxOutput { get; } = new("--max-output")
    {
        Description = "Most output one command (or login step) may produce before the host fails, e.g. 64M, 512K, 1G (default 64M; the inventory's max_output: wins).",
    };

    public Option<string?> OutputDir { get; } = new("--output", "-O") { Description = "Folder for results.jsonl and per-host transcripts, written as each host finishes." };

    public Option<bool> Json { get; } = new("--json") { Description = "Print one JSON object per host per line instead of text and the table." };

    public Option<string?> User { get; } = new("--user", "-u") { Description = "Login name for hosts whose URL or inventory entry names none." };

    /// <summary>The SSH connection options shared with <c>vty exec</c>: -i, --password-env, --legacy, -o Name=Value.</summary>
    public SshCommandLineOptions Ssh { get; } = new();

    /// <summary>
    /// The command's own options that concern only the machine the command runs on (a backup's
    /// repository, commit author, hooks): a distributed run never sends them to its workers.
    /// </summary>
    public List<Option> SubmitterOnly { get; } = [];

    /// <summary>The distributed-run options: <c>--nats URL</c> and what goes with it.</summary>
    public Nats.NatsSubmitCommandLineOptions Nats { get; } = new();

    public Option<bool> Debug { get; } = new("--debug") { Description = "Show stack traces for errors." };

    public Option<string?> Drivers { get; } = DriverCatalogOption.Create();

    public Option<string?> Encoding { get; } = new("--encoding") { Description = "Text encoding for hosts that do not name one (default utf-8, invalid bytes read as Latin-1; latin1, …)." };

    /// <summary>The hint for a host URL given on the command line that does not parse.</summary>
    internal const string UrlHint = "write hosts as ssh://[user@]host[:port], telnet://host[:port], dummy://name or a bare host name";

    /// <summary>Adds the options; the host URL argument only with <paramref name="hostUrls"/> (<c>vty cp</c> has its own operands).</summary>
    public void AddTo(Command command, bool hostUrls = true)
    {
        if (hostUrls)
            command.Arguments.Add(Urls);
        foreach (Option option in new Option[] { Inventory, InventoryFormat, InventorySeparator, InventoryColumns, Group, Driver, Enable, Parallel, Timeout, Retries, MaxOutput, OutputDir, Json, User, Debug, Drivers, Encoding })
            command.Options.Add(option);
        Ssh.AddTo(command, loginAndPort: false);
        Nats.AddTo(command);
    }

    private long? ParseMaxOutput(ParseResult parse)
    {
        string? text = parse.GetValue(MaxOutput);
        if (text is null)
            return null;
        if (!Protocols.ByteSize.TryParse(text, out long bytes) || bytes < 4096)
            throw new Output.UsageException($"--max-output must be a size of at least 4K, not '{text}'", "write it like 64M, 512K or 1G");
        return bytes;
    }

    private InventoryLoadOptions LoadOptions(ParseResult parse)
    {
        InventoryFormatKind format;
        try
        {
            format = InventoryLoadOptions.ParseFormat(parse.GetValue(InventoryFormat) ?? "auto");
        }
        catch (ArgumentException e)
        {
            throw new Output.UsageException(e.Message);
        }
        char? separator = null;
        if (parse.GetValue(InventorySeparator) is { } text)
        {
            string unescaped = text == "\\t" ? "\t" : text;
            if (unescaped.Length != 1)
                throw new Output.UsageException($"--inventory-separator must be one character, not '{text}'", "e.g. --inventory-separator ';' (\\t for a tab)");
            separator = unescaped[0];
        }
        string[]? columns = parse.GetValue(InventoryColumns)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new InventoryLoadOptions { Format = format, Separator = separator, Columns = columns is { Length: > 0 } ? columns : null };
    }

    /// <summary>The hosts the command line selects: its URLs, plus the inventory's (filtered by --group).</summary>
    public IReadOnlyList<InventoryHost> SelectHosts(ParseResult parse)
    {
        string[] urls = parse.GetValue(Urls) ?? [];
        // The parser hands an unknown option to the host list; never look it up as a host name.
        if (urls.FirstOrDefault(u => u.StartsWith('-')) is { } unknown)
            throw new Output.UsageException($"unknown option '{unknown}'", "run 'vty COMMAND --help' for the options");
        string? inventoryPath = parse.GetValue(Inventory);
        string? group = parse.GetValue(Group);
        string? driver = parse.GetValue(Driver);
        string? user = parse.GetValue(User);
        bool legacy = parse.GetValue(Ssh.Legacy);
        string? encoding = parse.GetValue(Encoding);
        if (encoding is not null)
        {
            try
            {
                Text.DeviceEncoding.Get(encoding);
            }
            catch (ArgumentException e)
            {
                throw new Output.UsageException(e.Message.Split(" (Parameter", 2)[0], "--encoding takes utf-8, latin1, ascii or another encoding name");
            }
        }
        var commandLine = new HostSettings { Driver = driver, Username = user, Legacy = legacy ? true : null, Encoding = encoding, MaxOutput = ParseMaxOutput(parse) };

        var hosts = new List<InventoryHost>();
        if (urls.Length > 0)
        {
            try
            {
                hosts.AddRange(HostInventory.FromUrls(urls, commandLine).Hosts);
            }
            catch (InventoryException e)
            {
                // The URL came from the command line, not a file: point at the argument, not the inventory.
                throw new Output.UsageException(e.Message, UrlHint);
            }
        }
        if (inventoryPath is not null)
        {
            HostInventory inventory = HostInventory.Load(inventoryPath, LoadOptions(parse));
            foreach (string warning in inventory.Warnings)
                parse.InvocationConfiguration.Error.WriteLine($"vty: warning: {warning}");
            foreach (InventoryHost host in inventory.Select(group))
            {
                // The command line fills gaps in the inventory; the inventory's own values win.
                HostSettings merged = commandLine.Overlay(host.Settings);
                hosts.Add(host with { Settings = merged with { Legacy = legacy ? true : merged.Legacy } });
            }
        }
        else if (group is not null)
        {
            throw new Output.UsageException("--group needs --inventory", "add --inventory FILE, or list the hosts as URLs");
        }
        if (hosts.Count == 0)
            throw new Output.UsageException("no hosts to run on", "give host URLs (e.g. ssh://admin@10.0.0.1) or --inventory FILE");
        return hosts;
    }
}
