namespace Vty.Lab.Tests;

public class FleetTests
{
    [Fact]
    public async Task TwoHundredDevicesServeSessionsConcurrently()
    {
        string[] profiles = ["ios", "junos", "eos", "nxos", "linux"];
        string[] prompts = ["Router>", "lab@router> ", "switch>", "switch# ", "lab@host:~$ "];
        string[] commands = ["show clock", "show system uptime", "show clock", "show clock", "date"];
        var tasks = new List<Task>();
        for (int i = 0; i < 200; i++)
        {
            int k = i % profiles.Length;
            tasks.Add(Task.Run(async () =>
            {
                await using TestTerminal t = await Lab.LoginAsync(profiles[k], prompts[k]);
                string output = await t.RunAsync(commands[k], prompts[k]);
                Assert.Contains("2025", output);
                await t.SendAsync(k == 1 ? "exit\r" : "exit\r");
                await t.ReadToEndAsync();
            }));
        }
        await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(60));
    }
}
