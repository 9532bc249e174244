#!/usr/bin/env bash
# The same work in ReferenceNN and in NumPy, side by side: the article's MNIST FC and conv networks, trained by
# per-sample gradient descent on the first SAMPLES Fashion-MNIST images for EPOCHS epochs, from identical initial
# weights and data. First checks that both reach the same epoch errors (to 1e-9 relative), then reports the time per
# training sample of each over RUNS alternating runs: the median, and the ratio of the medians.
# The conv network's training amplifies rounding differences exponentially (a 1-ulp change of one weight moves
# NumPy's own epoch error by 4e-8 relative after 150 samples), so its agreement is checked on the first 50 samples,
# where two correct implementations still agree to 1e-10; docs/Performance.md has the figures.
#   bash Verification/Benchmarks/side-by-side.sh [SAMPLES] [EPOCHS] [RUNS]      (defaults 2000 2 5)
# Needs Debian's python3-numpy, python3-scipy and dataset-fashion-mnist (or DATA=folder of MNIST-format files).
set -euo pipefail
cd "$(dirname "$0")/../.."
samples=${1:-2000}; epochs=${2:-2}; runs=${3:-5}
data=${DATA:-/usr/share/datasets/fashion-mnist}
# NumPy's best settings: one BLAS thread (the work is one sample at a time), and malloc keeping its large blocks
# instead of mapping and unmapping them for every temporary array (which costs page faults on this machine).
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=4294967296
dotnet build Verification/Benchmarks -c Release >/dev/null
bench="dotnet Verification/Benchmarks/bin/Release/net10.0/Benchmarks.dll"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for network in fc conv; do
  if [ "$network" = fc ]; then agree_samples=$samples; agree_epochs=$epochs; else agree_samples=50; agree_epochs=1; fi
  $bench side-by-side --network "$network" --data "$data" --samples "$agree_samples" --epochs "$agree_epochs" --export "$work/$network.agree" > "$work/$network.agree.cs.json"
  /usr/bin/python3 Verification/Benchmarks/numpy_mnist.py "$network" "$work/$network.agree" "$agree_epochs" > "$work/$network.agree.np.json"
  $bench side-by-side --network "$network" --data "$data" --samples "$samples" --epochs "$epochs" --export "$work/$network" > /dev/null
  for run in $(seq "$runs"); do
    $bench side-by-side --network "$network" --data "$data" --samples "$samples" --epochs "$epochs" > "$work/$network.cs.$run.json"
    /usr/bin/python3 Verification/Benchmarks/numpy_mnist.py "$network" "$work/$network" "$epochs" > "$work/$network.np.$run.json"
  done
  /usr/bin/python3 - "$work" "$network" "$runs" "$samples" "$epochs" <<'PY'
import json, statistics, sys
work, network, runs, samples, epochs = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
cs = [json.load(open(f"{work}/{network}.cs.{r}.json")) for r in range(1, runs + 1)]
np_ = [json.load(open(f"{work}/{network}.np.{r}.json")) for r in range(1, runs + 1)]
a_cs, a_np = json.load(open(f"{work}/{network}.agree.cs.json")), json.load(open(f"{work}/{network}.agree.np.json"))
agree = max(abs(a - b) / abs(b) for a, b in zip(a_cs["epochErrors"], a_np["epochErrors"]))
worst = max(abs(a - b) / abs(b) for a, b in zip(cs[0]["epochErrors"], np_[0]["epochErrors"]))
same = agree <= 1e-9
t_cs = statistics.median(r["secondsPerSample"] for r in cs) * 1e6
t_np = statistics.median(r["secondsPerSample"] for r in np_) * 1e6
print(f"{network}: {samples} samples x {epochs} epochs, {runs} alternating runs each")
print(f"  epoch errors  ReferenceNN {cs[0]['epochErrors']}")
print(f"                {np_[0]['implementation']:11} {np_[0]['epochErrors']}")
print(f"  agreement check ({'the timed run' if network == 'fc' else 'first 50 samples, 1 epoch'}): largest relative difference of the epoch errors {agree:.2e}: {'same to 1e-9' if same else 'DIFFERENT'}")
print(f"  largest relative difference over the timed run {worst:.2e}")
print(f"  time per sample (median)  ReferenceNN {t_cs:8.1f} us   {np_[0]['implementation']} {t_np:8.1f} us   ratio NumPy/ReferenceNN {t_np / t_cs:.2f}x")
sys.exit(0 if same else 1)
PY
done
