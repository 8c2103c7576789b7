using Vty.Telnet.Protocol;

namespace Vty.Telnet.Negotiation;

/// <summary>
/// RFC 1143 "Q method" option negotiation for all 256 options, both directions. It only ever
/// answers a request that changes state, so two correct peers cannot loop, and a peer flipping an
/// option thousands of times gets at most one reply per request.
/// </summary>
internal sealed class OptionNegotiator
{
    private readonly OptionSide[] _us = new OptionSide[256];
    private readonly OptionSide[] _him = new OptionSide[256];
    private readonly INegotiationPolicy _policy;

    public OptionNegotiator(INegotiationPolicy policy) => _policy = policy;

    public bool IsLocalEnabled(byte option) => _us[option].State == QState.Yes;

    public bool IsRemoteEnabled(byte option) => _him[option].State == QState.Yes;

    /// <summary>True when neither side has a pending request for <paramref name="option"/>.</summary>
    public bool IsSettled(byte option) =>
        (_us[option].State is QState.Yes or QState.No) && (_him[option].State is QState.Yes or QState.No);

    public bool IsRemotePending(byte option) => _him[option].State is QState.WantYes or QState.WantNo;

    /// <summary>Handles WILL/WONT/DO/DONT received from the peer.</summary>
    public void Receive(byte verb, byte option)
    {
        var wasLocal = IsLocalEnabled(option);
        var wasRemote = IsRemoteEnabled(option);
        Dispatch(verb, option);
        NotifyChanges(option, wasLocal, wasRemote);
    }

    private void Dispatch(byte verb, byte option)
    {
        switch (verb)
        {
            case TelnetBytes.Will:
                ReceiveEnable(ref _him[option], option, local: false);
                break;
            case TelnetBytes.Wont:
                ReceiveDisable(ref _him[option], option, local: false);
                break;
            case TelnetBytes.Do:
                ReceiveEnable(ref _us[option], option, local: true);
                break;
            case TelnetBytes.Dont:
                ReceiveDisable(ref _us[option], option, local: true);
                break;
        }
    }

    /// <summary>Asks to enable or disable an option on our side (WILL/WONT).</summary>
    public void RequestLocal(byte option, bool enable)
    {
        var was = IsLocalEnabled(option);
        Request(ref _us[option], option, local: true, enable);
        NotifyChanges(option, was, IsRemoteEnabled(option));
    }

    /// <summary>Asks the peer to enable or disable an option on its side (DO/DONT).</summary>
    public void RequestRemote(byte option, bool enable)
    {
        var was = IsRemoteEnabled(option);
        Request(ref _him[option], option, local: false, enable);
        NotifyChanges(option, IsLocalEnabled(option), was);
    }

    private void NotifyChanges(byte option, bool wasLocal, bool wasRemote)
    {
        if (wasLocal != IsLocalEnabled(option))
        {
            _policy.OnChanged(option, local: true, enabled: !wasLocal);
        }

        if (wasRemote != IsRemoteEnabled(option))
        {
            _policy.OnChanged(option, local: false, enabled: !wasRemote);
        }
    }

    private void ReceiveEnable(ref OptionSide side, byte option, bool local)
    {
        switch (side.State)
        {
            case QState.No:
                if (local ? _policy.AcceptLocal(option) : _policy.AcceptRemote(option))
                {
                    side.State = QState.Yes;
                    _policy.Send(Agree(local), option);
                }
                else
                {
                    _policy.Send(Refuse(local), option);
                }

                break;
            case QState.Yes:
                break;
            case QState.WantNo:
                // EMPTY: our disable was answered by an enable (a peer error): RFC 1143 settles on NO.
                // OPPOSITE: we queued re-enabling, and the peer enabled: done.
                if (side.Opposite)
                {
                    side.State = QState.Yes;
                    side.Opposite = false;
                }
                else
                {
                    side.State = QState.No;
                }

                break;
            case QState.WantYes:
                if (side.Opposite)
                {
                    side.State = QState.WantNo;
                    side.Opposite = false;
                    _policy.Send(Refuse(local), option);
                }
                else
                {
                    side.State = QState.Yes;
                }

                break;
        }
    }

    private void ReceiveDisable(ref OptionSide side, byte option, bool local)
    {
        switch (side.State)
        {
            case QState.No:
                break;
            case QState.Yes:
                side.State = QState.No;
                _policy.Send(Refuse(local), option);
                break;
            case QState.WantNo:
                if (side.Opposite)
                {
                    side.State = QState.WantYes;
                    side.Opposite = false;
                    _policy.Send(Agree(local), option);
                }
                else
                {
                    side.State = QState.No;
                }

                break;
            case QState.WantYes:
                side.State = QState.No;
                side.Opposite = false;
                _policy.OnRefused(option, local);
                break;
        }
    }

    private void Request(ref OptionSide side, byte option, bool local, bool enable)
    {
        switch (side.State)
        {
            case QState.No:
                if (enable)
                {
                    side.State = QState.WantYes;
                    _policy.Send(Agree(local), option);
                }

                break;
            case QState.Yes:
                if (!enable)
                {
                    side.State = QState.WantNo;
                    _policy.Send(Refuse(local), option);
                }

                break;
            case QState.WantNo:
                // Queue the opposite only when it differs from where the pending request goes.
                side.Opposite = enable;
                break;
            case QState.WantYes:
                side.Opposite = !enable;
                break;
        }
    }

    // Our side answers DO with WILL; the peer's side answers WILL with DO.
    private static byte Agree(bool local) => local ? TelnetBytes.Will : TelnetBytes.Do;

    private static byte Refuse(bool local) => local ? TelnetBytes.Wont : TelnetBytes.Dont;
}
