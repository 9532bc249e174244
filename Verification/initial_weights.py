#!/usr/bin/env python3
"""Reproduces, with NumPy alone, the initial weights of `refnn xor` and of both MNIST networks (seed 1, the commands'
default), and compares their SHA-256 with Verification/initial-weights.sha256, which the .NET tests compute from
ReferenceNN itself (InitializationTests.InitialWeights_HashesAreTheCommittedOnes). Equal hashes mean bit-identical
weights. Run by CI:  python3 Verification/initial_weights.py
"""
import hashlib
import sys
from pathlib import Path

import numpy as np


def splitmix64_uniform(seed, count):
    """count doubles uniform in [0, 1) from ReferenceNN's SplitMix64(seed): (u >> 11) * 2**-53 for each 64-bit u."""
    with np.errstate(over="ignore"):
        z = np.uint64(seed) + np.arange(1, count + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    return (z >> np.uint64(11)).astype(np.float64) * 2.0**-53


def initial_weights(seed, sizes):
    """The article's uniform[0,1) − 0.5 for each parameter in turn (layer by layer, weights then bias, row-major)."""
    draws = splitmix64_uniform(seed, sum(sizes)) - 0.5
    return np.split(draws, np.cumsum(sizes)[:-1])


NETWORKS = {
    # FC(2→3), FC(3→1): W 2×3, B 1×3, W 3×1, B 1×1
    "xor": [2 * 3, 3, 3 * 1, 1],
    # FC(784→100), FC(100→50), FC(50→10)
    "mnist-fc": [784 * 100, 100, 100 * 50, 50, 50 * 10, 10],
    # conv 3×3×1×1 and its bias, FC(676→100), FC(100→10)
    "mnist-conv": [3 * 3 * 1 * 1, 1, 676 * 100, 100, 100 * 10, 10],
}


def main():
    committed = dict(line.split() for line in (Path(__file__).parent / "initial-weights.sha256").read_text().splitlines() if line)
    failed = 0
    for name, sizes in NETWORKS.items():
        tensors = initial_weights(1, sizes)
        digest = hashlib.sha256(np.concatenate(tensors).astype("<f8").tobytes()).hexdigest()
        ok = digest == committed.get(name)
        failed += not ok
        print(f"{name}: {sum(sizes)} weights, first {tensors[0][:3].tolist()}, sha256 {digest} {'agrees' if ok else 'DIFFERS from ' + str(committed.get(name))}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
