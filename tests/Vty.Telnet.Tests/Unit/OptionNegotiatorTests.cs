using Vty.Telnet.Negotiation;
using Vty.Telnet.Protocol;

namespace Vty.Telnet.Tests.Unit;

public sealed class OptionNegotiatorTests
{
    private const byte Sga = 3;
    private const byte Echo = 1;
    private const byte NewEnviron = 39;

    private sealed class Policy(params byte[] accepted) : INegotiationPolicy
    {
        public List<(byte Verb, byte Option)> Sent { get; } = [];

        public List<(byte Option, bool Local, bool Enabled)> Changes { get; } = [];

        public bool AcceptLocal(byte option) => accepted.Contains(option);

        public bool AcceptRemote(byte option) => accepted.Contains(option);

        public void Send(byte verb, byte option) => Sent.Add((verb, option));

        public void OnChanged(byte option, bool local, bool enabled) => Changes.Add((option, local, enabled));

        public void OnRefused(byte option, bool local)
        {
        }
    }

    [Fact]
    public void Accepted_option_is_answered_once_and_acknowledgements_are_not_answered()
    {
        var policy = new Policy(Sga);
        var q = new OptionNegotiator(policy);
        q.Receive(TelnetBytes.Do, Sga);
        q.Receive(TelnetBytes.Do, Sga);
        Assert.Equal([(TelnetBytes.Will, Sga)], policy.Sent);
        Assert.True(q.IsLocalEnabled(Sga));
    }

    [Fact]
    public void Unsupported_option_is_refused_and_its_refusal_is_not_answered()
    {
        var policy = new Policy();
        var q = new OptionNegotiator(policy);
        q.Receive(TelnetBytes.Do, NewEnviron);
        q.Receive(TelnetBytes.Will, NewEnviron);
        q.Receive(TelnetBytes.Dont, NewEnviron);
        q.Receive(TelnetBytes.Wont, NewEnviron);
        Assert.Equal([(TelnetBytes.Wont, NewEnviron), (TelnetBytes.Dont, NewEnviron)], policy.Sent);
        Assert.False(q.IsLocalEnabled(NewEnviron));
        Assert.False(q.IsRemoteEnabled(NewEnviron));
    }

    [Fact]
    public void Our_request_answered_is_not_answered_again()
    {
        var policy = new Policy(Echo);
        var q = new OptionNegotiator(policy);
        q.RequestRemote(Echo, enable: true);
        q.Receive(TelnetBytes.Will, Echo);
        Assert.Equal([(TelnetBytes.Do, Echo)], policy.Sent);
        Assert.True(q.IsRemoteEnabled(Echo));
        Assert.Equal([(Echo, false, true)], policy.Changes);
    }

    [Fact]
    public void Queued_opposite_request_is_sent_after_the_answer()
    {
        var policy = new Policy(Echo);
        var q = new OptionNegotiator(policy);
        q.RequestRemote(Echo, enable: true);     // DO, WANTYES
        q.RequestRemote(Echo, enable: false);    // queued: OPPOSITE
        q.Receive(TelnetBytes.Will, Echo);       // -> WANTNO, DONT
        q.Receive(TelnetBytes.Wont, Echo);       // -> NO
        Assert.Equal([(TelnetBytes.Do, Echo), (TelnetBytes.Dont, Echo)], policy.Sent);
        Assert.False(q.IsRemoteEnabled(Echo));
        Assert.True(q.IsSettled(Echo));
    }

    [Fact]
    public void Two_q_method_peers_requesting_at_once_do_not_loop()
    {
        var a = new Policy(Sga);
        var b = new Policy(Sga);
        var qa = new OptionNegotiator(a);
        var qb = new OptionNegotiator(b);
        qa.RequestLocal(Sga, enable: true);
        qb.RequestRemote(Sga, enable: true);
        for (var round = 0; round < 10 && (a.Sent.Count > 0 || b.Sent.Count > 0); round++)
        {
            var fromA = a.Sent.ToArray();
            var fromB = b.Sent.ToArray();
            a.Sent.Clear();
            b.Sent.Clear();
            foreach (var (verb, option) in fromA)
            {
                qb.Receive(verb, option);
            }

            foreach (var (verb, option) in fromB)
            {
                qa.Receive(verb, option);
            }
        }

        Assert.Empty(a.Sent);
        Assert.Empty(b.Sent);
        Assert.True(qa.IsLocalEnabled(Sga));
        Assert.True(qb.IsRemoteEnabled(Sga));
    }

    [Fact]
    public void Storm_of_flips_gets_at_most_one_reply_per_request()
    {
        var policy = new Policy(Sga);
        var q = new OptionNegotiator(policy);
        const int flips = 5000;
        for (var i = 0; i < flips; i++)
        {
            q.Receive(TelnetBytes.Do, Sga);
            q.Receive(TelnetBytes.Dont, Sga);
            q.Receive(TelnetBytes.Do, Echo);
            q.Receive(TelnetBytes.Dont, Echo);
        }

        // DO SGA -> WILL, DONT SGA -> WONT, DO ECHO -> WONT (refused), DONT ECHO while off -> nothing.
        Assert.Equal(3 * flips, policy.Sent.Count);
        Assert.False(q.IsLocalEnabled(Sga));
        Assert.True(q.IsSettled(Sga));
    }
}
