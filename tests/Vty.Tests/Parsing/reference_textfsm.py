# Runs Google's reference TextFSM (Debian's python3-textfsm) over a batch of cases read as JSON
# from stdin and prints one JSON result per case, for the differential tests.
import json
import sys

import textfsm
from textfsm import clitable


def run(case):
    if "index" in case:
        table = clitable.CliTable(case["index"], case["folder"])
        try:
            table.ParseCmd(case["input"], case["attributes"])
        except clitable.CliTableError as e:
            return {"noTemplate": str(e)}
        rows = [[row[h] for h in table.header] for row in table]
        return {"header": list(table.header), "rows": rows}
    with open(case["template"]) as template:
        try:
            fsm = textfsm.TextFSM(template)
        except textfsm.TextFSMTemplateError as e:
            return {"templateError": str(e)}
    try:
        rows = fsm.ParseText(case["input"])
    except textfsm.TextFSMError as e:
        return {"parseError": str(e)}
    return {"header": fsm.header, "rows": rows}


cases = json.load(sys.stdin)
json.dump([run(c) for c in cases], sys.stdout, ensure_ascii=False)
