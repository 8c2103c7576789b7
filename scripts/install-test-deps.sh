#!/usr/bin/env bash
# Installs the real servers and clients that the test suite talks to, when missing.
# Safe to run repeatedly; needs root (or sudo) only when something is missing.
set -euo pipefail

need=()
have() { command -v "$1" >/dev/null 2>&1 || [ -x "$1" ]; }
have /usr/sbin/sshd        || need+=(openssh-server)
have ssh                   || need+=(openssh-client)
have ssh-keygen            || need+=(openssh-client)
have openssl               || need+=(openssl)
have /usr/lib/openssh/sftp-server || need+=(openssh-sftp-server)
have sftp                  || need+=(openssh-client)
have scp                   || need+=(openssh-client)
have dropbear              || need+=(dropbear-bin)
have dropbearkey           || need+=(dropbear-bin)
have /usr/sbin/telnetd     || need+=(inetutils-telnetd)
have tcpserver             || need+=(ucspi-tcp)
have telnet                || need+=(inetutils-telnet)
have sshpass               || need+=(sshpass)
have nc                    || need+=(netcat-openbsd)
have curl                  || need+=(curl)
have ssh-agent             || need+=(openssh-client)
have /usr/bin/script       || need+=(bsdutils)
have sudo                  || need+=(sudo)
have git                   || need+=(git)
have patch                 || need+=(patch)
have /usr/bin/time         || need+=(time)
# A C compiler and linker: the packed `vty` tool is linked as a Native AOT executable (PackageTests).
have cc                    || need+=(build-essential)
have /usr/sbin/nats-server || need+=(nats-server)
have node                  || need+=(nodejs)
have npm                   || need+=(npm)
# The reference TextFSM for the parsing differential tests, for Debian's own interpreter.
/usr/bin/python3 -c 'import textfsm' >/dev/null 2>&1 || need+=(python3-textfsm)
# Netmiko and paramiko for Debian's own interpreter (the interop tests run /usr/bin/python3).
/usr/bin/python3 -c 'import netmiko, paramiko' >/dev/null 2>&1 || need+=(python3-netmiko python3-paramiko)

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

if [ ${#need[@]} -gt 0 ]; then
  echo "install-test-deps: installing ${need[*]}" >&2
  # Keep package post-install scripts from starting system daemons on fixed ports.
  added_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $SUDO chmod +x /usr/sbin/policy-rc.d
    added_policy=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq || true
  mapfile -t need < <(printf '%s\n' "${need[@]}" | sort -u)
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
  if [ "$added_policy" = 1 ]; then $SUDO rm -f /usr/sbin/policy-rc.d; fi
fi

# busybox telnetd: Debian's plain busybox lacks the applet; busybox-static has it. Extract the
# static binary into a private folder instead of installing the package (it conflicts with busybox).
BB_DIR="${VTY_TOOLS_DIR:-/opt/vty-test-tools}"
if [ ! -x "$BB_DIR/busybox" ]; then
  echo "install-test-deps: extracting busybox-static into $BB_DIR" >&2
  tmp="$(mktemp -d)"
  ( cd "$tmp" && apt-get download busybox-static >/dev/null 2>&1 || { $SUDO apt-get update -qq; apt-get download busybox-static >/dev/null; } )
  dpkg-deb -x "$tmp"/busybox-static_*.deb "$tmp/x"
  $SUDO mkdir -p "$BB_DIR"
  $SUDO cp "$tmp/x/bin/busybox" "$BB_DIR/busybox"
  rm -rf "$tmp"
fi
"$BB_DIR/busybox" --list | grep -qx telnetd || { echo "busybox in $BB_DIR has no telnetd applet" >&2; exit 1; }

# An independent ML-KEM implementation for the post-quantum key exchange cross-check: the
# @noble/post-quantum npm package, installed into a private folder (never on the global path).
NOBLE_DIR="$BB_DIR/noble"
NOBLE_VERSION=0.7.1
if [ "$(node -p "require('$NOBLE_DIR/node_modules/@noble/post-quantum/package.json').version" 2>/dev/null)" != "$NOBLE_VERSION" ]; then
  echo "install-test-deps: installing @noble/post-quantum@$NOBLE_VERSION into $NOBLE_DIR" >&2
  $SUDO mkdir -p "$NOBLE_DIR"
  $SUDO npm install --prefix "$NOBLE_DIR" --no-audit --no-fund --silent "@noble/post-quantum@$NOBLE_VERSION"
fi

# The tests log in as this throwaway user through the real /bin/login and sshd.
if ! id vtytest >/dev/null 2>&1; then
  $SUDO useradd -m -s /bin/sh vtytest
fi
echo 'vtytest:vtytest-pw' | $SUDO chpasswd
# sudo tests: the test user may run exactly `sh -c id` as root, after typing its password every
# time (no cached credentials), and nothing else.
sudoers_rule='Defaults:vtytest timestamp_timeout=0, !lecture
vtytest ALL=(root) /usr/bin/sh -c id, /bin/sh -c id
'
if [ "$(cat /etc/sudoers.d/vty-test 2>/dev/null)" != "$(printf '%s' "$sudoers_rule")" ]; then
  tmp_rule="$(mktemp)"
  printf '%s' "$sudoers_rule" > "$tmp_rule"
  visudo -cqf "$tmp_rule" || { echo "install-test-deps: sudoers rule rejected by visudo" >&2; exit 1; }
  $SUDO install -m 0440 "$tmp_rule" /etc/sudoers.d/vty-test
  rm -f "$tmp_rule"
fi
# Dropbear runs the SFTP subsystem from /usr/lib/sftp-server (its compiled-in path): OpenSSH's binary.
if [ ! -e /usr/lib/sftp-server ]; then $SUDO ln -s openssh/sftp-server /usr/lib/sftp-server; fi
mkdir -p /run/sshd 2>/dev/null || $SUDO mkdir -p /run/sshd
echo "install-test-deps: ok" >&2
