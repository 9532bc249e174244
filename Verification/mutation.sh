#!/usr/bin/env bash
# Mutation testing of the library (Reference/Library/ReferenceNN.csproj, not the CLI) with Stryker.NET, using the
# configuration in Verification/stryker-config.json, as CI does. Opens nothing.
#   bash Verification/mutation.sh            # the whole library (about 20 minutes on 2 cores)
#   bash Verification/mutation.sh -m '**/Npy.cs'   # only the files you are working on (extra arguments go to Stryker)
# Reports: StrykerOutput/latest/reports/mutation-report.html (and .json). The run fails (non-zero exit) when the
# score is below thresholds.break in the configuration, or when any mutant survives that is not one of the
# equivalent mutants argued in docs/Verification/EquivalentMutants.md (mutation-survivors.py: the exact gate).
set -euo pipefail
cd "$(dirname "$0")"
dotnet tool restore >/dev/null
rm -rf ../StrykerOutput/latest
dotnet stryker --skip-version-check --output ../StrykerOutput/latest "$@"
echo "== surviving mutants against docs/Verification/EquivalentMutants.md"
python3 mutation-survivors.py ../StrykerOutput/latest/reports/mutation-report.json
