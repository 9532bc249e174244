#!/usr/bin/env bash
# The same work in ReferenceNN, NumPy and PyTorch, side by side: the article's MNIST FC and conv networks, trained by
# per-sample gradient descent on the first SAMPLES Fashion-MNIST images for EPOCHS epochs, from identical initial
# weights and data. First checks that all three reach the same epoch errors (to 1e-9 relative), then reports the time
# per training sample of each over RUNS alternating runs: the medians, and the ratios of the medians.
#
# NumPy must run on an optimised BLAS (OpenBLAS, as pip's wheels bundle it, or MKL or BLIS): the script prints which
# library and CPU kernel NumPy actually uses (threadpoolctl) and refuses to report a ratio against the reference BLAS.
# Both baselines run at their best settings: one BLAS/OpenMP thread (the work is one sample at a time) and malloc
# keeping its large blocks. PyTorch (float64, one thread) is a second baseline.
#
# The conv network's training amplifies rounding differences exponentially: from the default seed, NumPy and PyTorch
# themselves drift apart by about a factor of 1000 every 10 samples (1e-14 after 10, 1e-12 after 20, 1e-9 after 30,
# 1e-6 after 40), so its agreement is checked on the first 20 samples, where the three still agree to about 1e-12;
# docs/Performance.md has the figures.
#   bash Verification/Benchmarks/side-by-side.sh [SAMPLES] [EPOCHS] [RUNS]      (defaults 2000 2 5)
# Needs Debian's python3-numpy, python3-scipy, python3-threadpoolctl, libopenblas0-pthread, python3-torch and
# dataset-fashion-mnist (or DATA=folder of MNIST-format files).
set -euo pipefail
cd "$(dirname "$0")/../.."
samples=${1:-2000}; epochs=${2:-2}; runs=${3:-5}
data=${DATA:-/usr/share/datasets/fashion-mnist}
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=4294967296

# Which BLAS does NumPy use? threadpoolctl lists the optimised ones it finds loaded; the reference BLAS is not among
# them, so "none found" means NumPy would run on the unoptimised reference implementation.
blas=$(/usr/bin/python3 - <<'PY'
import numpy, sys
from threadpoolctl import threadpool_info
numpy.dot(numpy.ones((2, 2)), numpy.ones((2, 2)))
found = [i for i in threadpool_info() if i.get("user_api") == "blas"]
if not found:
    print("NONE")
    sys.exit(0)
i = found[0]
print(f"{i['internal_api']} {i.get('version')} ({i.get('architecture')} kernel, {i['num_threads']} thread{'s' if i['num_threads'] != 1 else ''}, {i['filepath']})")
PY
)
if [ "$blas" = NONE ] || [[ "$blas" != openblas* && "$blas" != mkl* && "$blas" != blis* ]]; then
  echo "side-by-side: NumPy does not use an optimised BLAS (threadpoolctl found: $blas); install libopenblas0-pthread" \
       "(sudo apt-get install libopenblas0-pthread python3-threadpoolctl) and run again. No ratio against the reference BLAS is reported." >&2
  exit 2
fi
echo "NumPy $(/usr/bin/python3 -c 'import numpy; print(numpy.__version__)') on $blas"
echo "PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)') float64, $(/usr/bin/python3 -c 'import torch; torch.set_num_threads(1); print(torch.get_num_threads())') thread"
dotnet build Verification/Benchmarks -c Release >/dev/null
bench="dotnet Verification/Benchmarks/bin/Release/net10.0/Benchmarks.dll"
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(getconf _NPROCESSORS_ONLN) cores; ReferenceNN's fast kernels: $($bench width)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for network in fc conv; do
  if [ "$network" = fc ]; then agree_samples=$samples; agree_epochs=$epochs; else agree_samples=20; agree_epochs=1; fi
  $bench side-by-side --network "$network" --data "$data" --samples "$agree_samples" --epochs "$agree_epochs" --export "$work/$network.agree" > "$work/$network.agree.cs.json"
  /usr/bin/python3 Verification/Benchmarks/numpy_mnist.py "$network" "$work/$network.agree" "$agree_epochs" > "$work/$network.agree.np.json"
  /usr/bin/python3 Verification/Benchmarks/torch_mnist.py "$network" "$work/$network.agree" "$agree_epochs" > "$work/$network.agree.pt.json"
  $bench side-by-side --network "$network" --data "$data" --samples "$samples" --epochs "$epochs" --export "$work/$network" > /dev/null
  for run in $(seq "$runs"); do
    $bench side-by-side --network "$network" --data "$data" --samples "$samples" --epochs "$epochs" > "$work/$network.cs.$run.json"
    /usr/bin/python3 Verification/Benchmarks/numpy_mnist.py "$network" "$work/$network" "$epochs" > "$work/$network.np.$run.json"
    /usr/bin/python3 Verification/Benchmarks/torch_mnist.py "$network" "$work/$network" "$epochs" > "$work/$network.pt.$run.json"
  done
  if ! /usr/bin/python3 - "$work" "$network" "$runs" "$samples" "$epochs" <<'PY'
import json, statistics, sys
work, network, runs, samples, epochs = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
load = lambda name: [json.load(open(f"{work}/{network}.{name}.{r}.json")) for r in range(1, runs + 1)]
cs, np_, pt = load("cs"), load("np"), load("pt")
a = {k: json.load(open(f"{work}/{network}.agree.{k}.json")) for k in ("cs", "np", "pt")}
def diff(x, y):
    return max(abs(p - q) / abs(q) for p, q in zip(x["epochErrors"], y["epochErrors"]))
agree = max(diff(a["cs"], a["np"]), diff(a["cs"], a["pt"]))
same = agree <= 1e-9
t = {name: statistics.median(r["secondsPerSample"] for r in runs_) * 1e6 for name, runs_ in (("cs", cs), ("np", np_), ("pt", pt))}
print(f"{network}: {samples} samples x {epochs} epochs, {runs} alternating runs each")
print(f"  epoch errors  ReferenceNN {cs[0]['epochErrors']}")
print(f"                {np_[0]['implementation']:13} {np_[0]['epochErrors']}")
print(f"                {pt[0]['implementation']:13} {pt[0]['epochErrors']}")
print(f"  agreement check ({'the timed run' if network == 'fc' else 'first 20 samples, 1 epoch'}): largest relative difference of the epoch errors {agree:.2e}: {'same to 1e-9' if same else 'DIFFERENT'}")
print(f"  largest relative difference over the timed run: NumPy {diff(cs[0], np_[0]):.2e}, PyTorch {diff(cs[0], pt[0]):.2e}")
print(f"  time per sample (median)  ReferenceNN {t['cs']:7.1f} us   {np_[0]['implementation']} {t['np']:7.1f} us   {pt[0]['implementation']} {t['pt']:7.1f} us")
if same:
    print(f"  ratio NumPy/ReferenceNN {t['np'] / t['cs']:.2f}x   PyTorch/ReferenceNN {t['pt'] / t['cs']:.2f}x")
sys.exit(0 if same else 1)
PY
  then status=1; fi
done
exit $status
