namespace Vty.TestSupport.Ssh;

/// <summary>The local account the SSH tests log in as (created by scripts/install-test-deps.sh).</summary>
public static class SshTestUser
{
    public const string Name = "vtytest";
    public const string Password = "vtytest-pw";
}
