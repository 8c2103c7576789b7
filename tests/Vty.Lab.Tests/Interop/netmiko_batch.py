"""Drives lab devices with Netmiko, the way a network engineer's script would.

Usage: netmiko_batch.py CASES.json RESULTS.json. Reads a JSON list of cases and writes one JSON
object per case (same order) to RESULTS.json.
Each case: name, device_type, host, port, username, password, secret (optional),
enable (bool), show (command), config (list of lines), commit (bool), verify (command).
Runs the cases on a few threads: Netmiko spends most of its time sleeping between reads.
"""
import json
import sys
import traceback
from concurrent.futures import ThreadPoolExecutor

from netmiko import ConnectHandler


def run_with_retry(case):
    # Netmiko paces itself with fixed sleeps (Huawei's set_base_prompt reads once after 0.5 s), so
    # on a loaded test machine a slow answer can fail a correct device. Retry once, slower.
    result = run(case, 1)
    if not result["ok"]:
        first_error = result.get("error")
        result = run(case, 3)
        result["first_error"] = first_error
        result["attempts"] = 2
    return result


def run(case, delay_factor):
    result = {"name": case["name"], "ok": False, "attempts": 1}
    conn = None
    try:
        params = {
            "device_type": case["device_type"],
            "host": case["host"],
            "port": case["port"],
            "username": case["username"],
            "password": case["password"],
            "timeout": 20,
            "global_delay_factor": delay_factor,
        }
        if case.get("secret"):
            params["secret"] = case["secret"]
        conn = ConnectHandler(**params)
        result["prompt"] = conn.find_prompt()
        if case.get("enable"):
            conn.enable()
            result["enabled_prompt"] = conn.find_prompt()
        result["show"] = conn.send_command(case["show"])
        if case.get("config"):
            result["config"] = conn.send_config_set(case["config"], exit_config_mode=not case.get("commit"))
            if case.get("commit"):
                result["commit"] = conn.commit()
                conn.exit_config_mode()
        if case.get("verify"):
            result["verify"] = conn.send_command(case["verify"])
        result["ok"] = True
    except Exception:  # the C# test reports the traceback as the failure reason
        result["error"] = traceback.format_exc(limit=6)
    finally:
        if conn is not None:
            try:
                conn.disconnect()
            except Exception:
                pass
    return result


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        cases = json.load(f)
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(run_with_retry, cases))
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump(results, f)


if __name__ == "__main__":
    main()
