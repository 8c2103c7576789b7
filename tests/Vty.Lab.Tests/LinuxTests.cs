namespace Vty.Lab.Tests;

public class LinuxTests
{
    private const string Home = "lab@host:~$ ";

    [Fact]
    public async Task FilesDirectoriesAndExitStatus()
    {
        await using TestTerminal t = await Lab.OpenAsync("linux", Home);
        await t.RunAsync("mkdir -p work/logs", Home);
        await t.RunAsync("cd work", "lab@host:~/work$ ");
        Assert.Equal("pwd\r\n/home/lab/work\r\nlab@host:~/work$ ", await t.RunAsync("pwd", "lab@host:~/work$ "));
        await t.RunAsync("echo 'hello  world' > note.txt", "lab@host:~/work$ ");
        await t.RunAsync("echo second >> note.txt", "lab@host:~/work$ ");
        Assert.Equal("cat note.txt\r\nhello  world\r\nsecond\r\nlab@host:~/work$ ", await t.RunAsync("cat note.txt", "lab@host:~/work$ "));
        Assert.Equal("ls\r\nlogs  note.txt\r\nlab@host:~/work$ ", await t.RunAsync("ls", "lab@host:~/work$ "));
        Assert.Equal("cat note.txt | grep sec | wc -l\r\n1\r\nlab@host:~/work$ ", await t.RunAsync("cat note.txt | grep sec | wc -l", "lab@host:~/work$ "));
        Assert.Equal("nosuch\r\nbash: nosuch: command not found\r\nlab@host:~/work$ ", await t.RunAsync("nosuch", "lab@host:~/work$ "));
        Assert.Equal("echo $?\r\n127\r\nlab@host:~/work$ ", await t.RunAsync("echo $?", "lab@host:~/work$ "));
        Assert.Equal("ls /nope || echo failed $?\r\nls: cannot access '/nope': No such file or directory\r\nfailed 2\r\nlab@host:~/work$ ",
            await t.RunAsync("ls /nope || echo failed $?", "lab@host:~/work$ "));
        Assert.Equal("false && echo no; echo yes\r\nyes\r\nlab@host:~/work$ ", await t.RunAsync("false && echo no; echo yes", "lab@host:~/work$ "));
        Assert.Contains("mkdir: cannot create directory '/etc/x': Permission denied", await t.RunAsync("mkdir /etc/x", "lab@host:~/work$ "));
        Assert.Contains("bash: cd: nowhere: No such file or directory", await t.RunAsync("cd nowhere", "lab@host:~/work$ "));
        await t.RunAsync("cd ..", Home);
        Assert.Equal("uname -a\r\nLinux host 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01) x86_64 GNU/Linux\r\n" + Home, await t.RunAsync("uname -a", Home));
        Assert.Contains("/dev/vda1        31G  4.2G   25G  15% /\r\n", await t.RunAsync("df -h", Home));
        Assert.Equal("whoami; hostname; id\r\nlab\r\nhost\r\nuid=1000(lab) gid=1000(lab) groups=1000(lab),24(cdrom),27(sudo),100(users)\r\n" + Home,
            await t.RunAsync("whoami; hostname; id", Home));
        await t.SendAsync("exit 3\r");
        Assert.Equal("exit 3\r\nlogout\r\n", await t.ReadToEndAsync());
        Assert.Equal(3, await t.WaitSessionAsync());
    }

    [Fact]
    public async Task SudoAsksForThePasswordOnceAndGivesARootShell()
    {
        await using TestTerminal t = await Lab.OpenAsync("linux", Home);
        await t.SendAsync("sudo whoami\r");
        await t.ExpectAsync("[sudo] password for lab: ");
        await t.SendAsync("bad\r");
        await t.ExpectAsync("Sorry, try again.\r\n[sudo] password for lab: ");
        await t.SendAsync("lab\r");
        Assert.Equal("\r\nroot\r\n" + Home, await t.ExpectAsync(Home));
        Assert.Equal("sudo ls /root\r\n" + Home, await t.RunAsync("sudo ls /root", Home));   // credentials are cached
        Assert.Contains("Permission denied", await t.RunAsync("ls /root", Home));
        await t.RunAsync("sudo -i", "root@host:~# ");
        Assert.Equal("pwd\r\n/root\r\nroot@host:~# ", await t.RunAsync("pwd", "root@host:~# "));
        Assert.Equal("exit\r\nlogout\r\n" + Home, await t.RunAsync("exit", Home));
    }

    [Fact]
    public async Task SudoGivesUpAfterThreeWrongPasswords()
    {
        await using TestTerminal t = await Lab.OpenAsync("linux", Home);
        await t.SendAsync("sudo id\r");
        for (int i = 0; i < 3; i++)
        {
            await t.ExpectAsync("[sudo] password for lab: ");
            await t.SendAsync("bad\r");
        }
        Assert.Contains("sudo: 3 incorrect password attempts\r\n", await t.ExpectAsync(Home));
        Assert.Equal("echo $?\r\n1\r\n" + Home, await t.RunAsync("echo $?", Home));
    }
}
