using Vty.Nats.Contracts;
using Vty.Nats.Errors;

namespace Vty.Nats.Working;

/// <summary>
/// What a worker refuses to take from a job: anything that would run a command on the worker
/// itself. Jobs come from whoever may publish to the jobs subjects; a ProxyCommand given there
/// would be a shell command on every worker. A worker's own ssh_config may still set one.
/// </summary>
public static class JobSpecPolicy
{
    private static readonly string[] LocalCommandOptions = ["ProxyCommand", "LocalCommand", "PermitLocalCommand", "KnownHostsCommand"];

    /// <summary>Checks a spec before a worker builds its job.</summary>
    /// <exception cref="NatsRunException">The spec asks for something that runs on the worker.</exception>
    public static void Check(JobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        foreach (string argument in spec.Arguments)
        {
            if (!argument.StartsWith("-o=", StringComparison.Ordinal))
                continue;
            string option = argument[3..].TrimStart();
            foreach (string refused in LocalCommandOptions)
            {
                if (option.StartsWith(refused, StringComparison.OrdinalIgnoreCase)
                    && (option.Length == refused.Length || option[refused.Length] is '=' or ' ' or '\t'))
                {
                    throw new NatsRunException($"the job sets {refused}, which would run a command on the worker; workers refuse it from jobs: set it in the worker's own ssh_config (-F or ~/.ssh/config) instead");
                }
            }
        }
    }
}
