namespace Vty.Lab.Engine;

/// <summary>Placeholder replaced below.</summary>
internal static class ShellInterpreter
{
    public static LabOutput Execute(DeviceSession session, string line) => session.ExecuteCli(line, null);
}
