namespace Vty.Ssh.Transport;

/// <summary>Which end of the connection the transport plays; it decides directions, key letters and kex flow.</summary>
public enum SshRole
{
    Client,
    Server,
}
