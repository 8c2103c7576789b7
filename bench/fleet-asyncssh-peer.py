#!/usr/bin/python3
"""The asyncssh side of bench/fleet-vs-asyncssh.sh.

Does what `vty run --enable` does on each IOS-like lab device, written the way an asyncssh user
would: one asyncio task per host under a semaphore, an interactive shell with a pty
(create_process with term_type), readuntil on the prompt. Per host: wait for the first prompt,
enable (Password:), terminal length 0, terminal width 0, then the commands, each output kept
without its echo and prompt. Prints one JSON summary on stdout (hosts ok/failed, per-command
output lines and characters) for the script to compare with Vty's results.jsonl.
"""
import argparse
import asyncio
import json
import re
import sys

import asyncssh

TIMEOUT = 60.0


def lab_ports(inventory_path):
    """The SSH ports of the lab inventory `vty lab --inventory-out` wrote."""
    with open(inventory_path, encoding="utf-8") as f:
        return [int(p) for p in re.findall(r'url: "ssh://[^"]*:(\d+)"', f.read())]


async def read_prompt(stdout, prompt):
    """Reads up to and including `prompt`; returns what came before it."""
    text = await asyncio.wait_for(stdout.readuntil(prompt), TIMEOUT)
    return text[: -len(prompt)]


async def first_prompt(stdout):
    """Reads the banner up to the user-mode prompt (`name>` at the end of a line) and returns the host name."""
    seen = ""
    while True:
        seen += await asyncio.wait_for(stdout.readuntil(">"), TIMEOUT)
        match = re.search(r"(?:^|\n)([A-Za-z0-9._-]+)>$", seen)
        if match:
            return match.group(1)


def clean(output, command):
    """The command's output as Vty returns it: CR LF as LF, without the echoed command line and the line break before the prompt."""
    text = output.replace("\r\n", "\n").replace("\r", "")
    first, _, rest = text.partition("\n")
    if first.strip() == command:
        text = rest
    return text[:-1] if text.endswith("\n") else text


async def run_host(port, args, commands, semaphore, totals):
    async with semaphore:
        try:
            async with asyncssh.connect(
                "127.0.0.1", port, username=args.user, password=args.password, known_hosts=None,
                client_keys=None, agent_path=None, kex_algs=[args.kex], encryption_algs=[args.cipher],
                server_host_key_algs=["ssh-ed25519"], connect_timeout=TIMEOUT,
            ) as conn:
                process = await conn.create_process(term_type="vt100", term_size=(80, 24))
                name = await first_prompt(process.stdout)
                enabled = name + "#"
                process.stdin.write("enable\n")
                await read_prompt(process.stdout, "Password:")
                process.stdin.write(args.enable_password + "\n")
                await read_prompt(process.stdout, enabled)
                for setup in ("terminal length 0", "terminal width 0"):
                    process.stdin.write(setup + "\n")
                    await read_prompt(process.stdout, enabled)
                for command in commands:
                    process.stdin.write(command + "\n")
                    output = clean(await read_prompt(process.stdout, enabled), command)
                    entry = totals["commands"].setdefault(command, {"count": 0, "lines": 0, "chars": 0})
                    entry["count"] += 1
                    entry["lines"] += output.count("\n") + 1 if output else 0
                    entry["chars"] += len(output)
                process.stdin.write("exit\n")
                process.close()
            totals["ok"] += 1
        except (OSError, asyncssh.Error, asyncio.TimeoutError, asyncio.IncompleteReadError) as e:
            totals["failed"] += 1
            totals["errors"].append(f"port {port}: {type(e).__name__}: {e}")


async def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inventory", required=True)
    parser.add_argument("--parallel", type=int, default=200)
    parser.add_argument("--user", default="lab")
    parser.add_argument("--password", default="lab")
    parser.add_argument("--enable-password", default="lab")
    parser.add_argument("--kex", default="curve25519-sha256")
    parser.add_argument("--cipher", default="chacha20-poly1305@openssh.com")
    parser.add_argument("--command", "-c", action="append", required=True)
    args = parser.parse_args()
    ports = lab_ports(args.inventory)
    if not ports:
        sys.exit(f"no ssh:// hosts in {args.inventory}")
    semaphore = asyncio.Semaphore(args.parallel)
    totals = {"ok": 0, "failed": 0, "errors": [], "commands": {}}
    await asyncio.gather(*(run_host(port, args, args.command, semaphore, totals) for port in ports))
    totals["errors"] = totals["errors"][:5]
    json.dump(totals, sys.stdout)
    print()


if __name__ == "__main__":
    asyncio.run(main())
