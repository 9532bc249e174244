#!/usr/bin/env bash
# Mutation testing with Stryker.NET, as CI runs it: the library (Reference/Library/ReferenceNN.csproj, configuration
# Verification/stryker-library.json) and the oracle (Reference/Oracle/ReferenceNN.Oracle.csproj,
# Verification/stryker-oracle.json), each against the whole test project. Opens nothing.
#   bash Verification/mutation.sh                      # both projects
#   bash Verification/mutation.sh library              # one of them
#   bash Verification/mutation.sh library -m '**/Formulas/Tanh/*.cs'   # only the files you work on (extra arguments go to Stryker)
# Reports: StrykerOutput/<project>/reports/mutation-report.html (and .json). The run fails (non-zero exit) when a score
# is below thresholds.break in its configuration, or when any mutant survives that is not one of the equivalent
# mutants argued in docs/Verification/EquivalentMutants.md, matched exactly (mutation-survivors.py: the exact gate).
set -euo pipefail
cd "$(dirname "$0")"
dotnet tool restore >/dev/null
projects=(library elementary oracle)
if [ $# -gt 0 ] && { [ "$1" = library ] || [ "$1" = elementary ] || [ "$1" = oracle ]; }; then projects=("$1"); shift; fi
status=0
reports=()
for project in "${projects[@]}"; do
  echo "== Stryker on the $project (stryker-$project.json)"
  rm -rf "../StrykerOutput/$project"
  if ! dotnet stryker --skip-version-check --config-file "stryker-$project.json" --output "../StrykerOutput/$project" "$@"; then status=1; fi
  reports+=("../StrykerOutput/$project/reports/mutation-report.json")
done
echo "== surviving mutants against docs/Verification/EquivalentMutants.md"
if ! python3 mutation-survivors.py "${reports[@]}"; then status=1; fi
exit $status
