using Vty.Ssh;
using Vty.Ssh.Config;

namespace Vty.Cli.Ssh;

/// <summary>What a command line asks for one destination: client options to connect with, and the resolved ssh_config (forwards, environment, tty, log level).</summary>
internal sealed record SshConnectionRequest(SshClientOptions Options, SshResolvedConfig Config);
