#!/usr/bin/env bash
# Mutation testing with Stryker.NET. Six configurations, which together mutate every file of the library and the oracle:
#   formulas    Reference/Library/Formulas (the literal formulas that define every result), level Complete, against their
#               own tests (Verification/Formulas, without the MNIST-sized and accuracy sweeps)
#   layers      Reference/Library/Layers, Activations, Losses and Networks, level Complete, against their own tests
#               (Verification/Layers, Activations, Losses, NetworkTests, EpochReportTests, Mutation); four test runners
#               on 2 cores (see docs/Verification/EquivalentMutants.md for the measured runs; the formulas keep two,
#               whose heavier tests time out under four)
#   checking    Reference/Library/Checking (the gradient checker, Ridders, Taylor and adjoint tests), level Complete,
#               against Verification/Checking and Verification/Mutation; four test runners on 2 cores (its tests take
#               0.4 s in all, so each mutant's run is mostly the runner's own overhead, which four runners overlap)
#   library     the rest of the library but Elementary (fast kernels, tensors, shapes, the generator), level Complete, all tests
#   elementary  the correctly rounded functions, level Complete, against Verification/Elementary
#   oracle      Reference/Oracle, level Standard, all tests
# The first three are CI's gate (docs/Verification/EquivalentMutants.md has the figures of its last measured run).
#   bash Verification/mutation.sh                       # CI's gate: formulas, layers, then checking
#   bash Verification/mutation.sh all                   # all six (hours on 2 cores; not run by CI)
#   bash Verification/mutation.sh layers -m '**/Layers/Dropout.cs'   # one configuration, extra arguments go to Stryker
# Reports: StrykerOutput/<configuration>/reports/mutation-report.html (and .json). The run fails (non-zero exit) when a
# score is below thresholds.break in its configuration, or when any mutant survives that is not one of the equivalent
# mutants argued in docs/Verification/EquivalentMutants.md, matched exactly (mutation-survivors.py: the exact gate).
# Under mutation the property tests try a tenth of their cases (REFERENCENN_CASE_DIVISOR=10, at least 5 each), from the
# fixed seed 1145141919 (REFERENCENN_SEED): each
# mutant reruns the properties that cover it under Stryker's instrumentation, and fewer cases can only let more
# mutants survive, never fewer.
set -euo pipefail
cd "$(dirname "$0")"
dotnet tool restore >/dev/null
export REFERENCENN_CASE_DIVISOR=${REFERENCENN_CASE_DIVISOR:-10}
# The gate is reproducible: the properties draw their cases from CI's fixed seed unless REFERENCENN_SEED says otherwise
# (with a fresh seed and a tenth of the cases, a mutant that only a rare case kills would survive some runs).
export REFERENCENN_SEED=${REFERENCENN_SEED:-1145141919}
projects=(formulas layers checking)
if [ $# -gt 0 ] && [ "$1" = all ]; then projects=(formulas layers checking library elementary oracle); shift
elif [ $# -gt 0 ] && { [ "$1" = formulas ] || [ "$1" = layers ] || [ "$1" = checking ] || [ "$1" = library ] || [ "$1" = elementary ] || [ "$1" = oracle ]; }; then projects=("$1"); shift; fi
status=0
reports=()
for project in "${projects[@]}"; do
  echo "== Stryker on the $project (stryker-$project.json)"
  rm -rf "../StrykerOutput/$project"
  project_start=$(date +%s)
  if ! dotnet stryker --skip-version-check --config-file "stryker-$project.json" --output "../StrykerOutput/$project" "$@"; then status=1; fi
  echo "== the $project took $(( $(date +%s) - project_start )) s"
  reports+=("../StrykerOutput/$project/reports/mutation-report.json")
done
echo "== surviving mutants against docs/Verification/EquivalentMutants.md"
if ! python3 mutation-survivors.py "${reports[@]}"; then status=1; fi
exit $status
