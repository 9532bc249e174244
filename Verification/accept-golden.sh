#!/usr/bin/env bash
# Accepts the outputs that failing golden and conformance tests left under TestResults/golden-actual/: copies each one
# over the committed file of the same relative path, and lists them. Review the diff (git diff) before committing:
# a changed result is a change of what ReferenceNN says, and the CHANGELOG should say why.
#   dotnet test ReferenceNN.sln -c Release    # fails, leaving TestResults/golden-actual/...
#   bash Verification/accept-golden.sh        # copies them into place
#   dotnet test ReferenceNN.sln -c Release    # passes
set -euo pipefail
cd "$(dirname "$0")/.."
actual=TestResults/golden-actual
if [ ! -d "$actual" ]; then echo "accept-golden: nothing to accept ($actual does not exist)"; exit 0; fi
count=0
while IFS= read -r -d '' file; do
  relative=${file#"$actual"/}
  mkdir -p "$(dirname "$relative")"
  cp "$file" "$relative"
  echo "accepted $relative"
  count=$((count + 1))
done < <(find "$actual" -type f -print0 | sort -z)
rm -rf "$actual"
echo "accept-golden: $count files; review them with git diff before committing"
