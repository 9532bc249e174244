#!/usr/bin/env python3
"""The exact mutation gate: every mutant that Stryker.NET leaves alive (or leaves without a test covering it) must be
one of the equivalent mutants argued in docs/Verification/EquivalentMutants.md, matched exactly: same file, same
mutator, same original text, same replacement text, and the same occurrence of the original text in the file (the
n-th, counting from the top). Anything else fails the gate.

    python3 Verification/mutation-survivors.py REPORT.json [REPORT.json ...]

Prints each survivor with the entry that explains it, lists entries no survivor matched (stale), and exits 1 if any
survivor has no entry.
"""
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENTS = ROOT / "docs" / "Verification" / "EquivalentMutants.md"


def code_cell(cell):
    """The text between the first pair of backticks (double backticks allow a backtick inside)."""
    m = re.match(r"``\s?(.*?)\s?``|`([^`]*)`", cell.strip())
    if not m:
        raise ValueError(f"not a code cell: {cell}")
    return m.group(1) if m.group(1) is not None else m.group(2)


def entries():
    """(file, mutator, original, replacement, occurrence) for each row of the table."""
    rows = []
    for line in EQUIVALENTS.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 6 or not cells[0].endswith(".cs"):
            continue
        rows.append((cells[0], cells[1], code_cell(cells[2]), code_cell(cells[3]), int(cells[4])))
    return rows


def offset(source, line, column):
    """The character offset of a 1-based (line, column) position."""
    lines = source.split("\n")
    return sum(len(l) + 1 for l in lines[: line - 1]) + column - 1


def describe(path, source, mutant):
    """(file, mutator, original, replacement, occurrence) of a mutant in a report."""
    start = offset(source, mutant["location"]["start"]["line"], mutant["location"]["start"]["column"])
    end = offset(source, mutant["location"]["end"]["line"], mutant["location"]["end"]["column"])
    original = source[start:end]
    # which occurrence of the original text this is: those starting at or before it, counted from the top
    occurrence, position = 0, -1
    while True:
        position = source.find(original, position + 1)
        if position < 0 or position > start:
            break
        occurrence += 1
    return (path, mutant["mutatorName"], original, mutant.get("replacement", ""), occurrence)


def main(report_paths):
    known = entries()
    seen = set()
    unexplained = 0
    for report_path in report_paths:
        report = json.loads(Path(report_path).read_text(encoding="utf-8"))
        for path, file in sorted(report["files"].items()):
            relative = "Reference/" + path.replace("\\", "/").split("/Reference/")[-1]
            for mutant in file["mutants"]:
                if mutant["status"] not in ("Survived", "NoCoverage"):
                    continue
                key = describe(relative, file["source"], mutant)
                where = f"{relative}:{mutant['location']['start']['line']} {key[1]} ({mutant['status']}): `{key[2][:80]}` → `{key[3][:80]}` (occurrence {key[4]})"
                if key in known:
                    seen.add(key)
                    print(f"  equivalent: {where}")
                else:
                    unexplained += 1
                    print(f"  NOT LISTED: {where}")
                    print(f"    | {key[0]} | {key[1]} | `{key[2]}` | `{key[3]}` | {key[4]} | (why) |")
    for entry in known:
        if entry not in seen:
            print(f"  stale entry (no survivor matched it in these reports): {entry[0]} {entry[1]} `{entry[2][:60]}` → `{entry[3][:60]}` #{entry[4]}")
    print(f"{unexplained} surviving mutants not in {EQUIVALENTS.name}")
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
