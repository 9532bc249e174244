#!/usr/bin/env python3
"""The exact mutation gate: every mutant that Stryker.NET leaves alive must be one of the equivalent mutants argued
in docs/Verification/EquivalentMutants.md. (Stryker's own thresholds.break is a whole percentage, so by itself it
would let a new survivor or two through.)

    python3 Verification/mutation-survivors.py StrykerOutput/latest/reports/mutation-report.json

Prints each survivor with the entry that explains it, and exits 1 if any survivor (or mutant without coverage) has
no entry. A survivor matches an entry when it is in the entry's file and its line contains the entry's original code
(the first `code` of the "original → mutant" column, up to any "…").
"""
import json
import re
import sys
from pathlib import Path

EQUIVALENTS = Path(__file__).resolve().parent.parent / "docs" / "Verification" / "EquivalentMutants.md"


def entries():
    for line in EQUIVALENTS.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 3 or not cells[0].endswith(".cs"):
            continue
        original = re.match(r"`([^`]*)`", cells[1])
        if original:
            yield cells[0], original.group(1).split("…")[0].strip()


def main(report_path):
    report = json.loads(Path(report_path).read_text(encoding="utf-8"))
    known = list(entries())
    unexplained = 0
    for path, file in sorted(report["files"].items()):
        relative = "Reference/" + path.replace("\\", "/").split("/Reference/")[-1]
        source = file["source"].split("\n")
        for mutant in file["mutants"]:
            if mutant["status"] not in ("Survived", "NoCoverage"):
                continue
            line = mutant["location"]["start"]["line"]
            code = source[line - 1]
            match = next((e for e in known if e[0] == relative and e[1] in code), None)
            where = f"{relative}:{line} {mutant['mutatorName']} ({mutant['status']}): {code.strip()[:100]}"
            if match:
                print(f"  equivalent: {where}")
            else:
                unexplained += 1
                print(f"  NOT LISTED: {where} -> {mutant.get('replacement', '')[:80]}")
    print(f"{unexplained} surviving mutants not in {EQUIVALENTS.name}")
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
