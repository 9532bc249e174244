#!/usr/bin/env python3
"""Writes the conformance case files (*.case.json and the .npy files they use).

The cases are inputs, made once and committed; their results (*.result.json, *.trained.json) are what
ReferenceNN computes, and ConformanceTests fails if any committed number changes. Run from this folder with
Debian's python3 (python3-numpy): /usr/bin/python3 make_cases.py
"""
import json
import random

import numpy as np

rng = random.Random(20261128)


def uniform(*shape, low=-1.0, high=1.0):
    if len(shape) == 1:
        return [round(rng.uniform(low, high), 6) for _ in range(shape[0])]
    return [uniform(*shape[1:], low=low, high=high) for _ in range(shape[0])]


def away_from_zero(*shape, margin=0.2, high=1.5):
    if len(shape) == 1:
        return [round(rng.choice([-1, 1]) * rng.uniform(margin, high), 6) for _ in range(shape[0])]
    return [away_from_zero(*shape[1:], margin=margin, high=high) for _ in range(shape[0])]


def dense(i, j, scale=1.0):
    return {"type": "dense", "weights": [[x * scale for x in row] for row in uniform(i, j)], "bias": [uniform(j)]}


def activation(name, **extra):
    return {"type": "activation", "function": name, **extra}


def conv(m, n, d, k):
    return {"type": "conv", "weights": uniform(m, n, d, k), "bias": uniform(k)}


def write(name, case):
    case = {"format": "referencenn/case@1", **case}
    with open(f"{name}.case.json", "w", encoding="utf-8") as f:
        json.dump(case, f, indent=1)
        f.write("\n")


# The article's XOR network, with a training set.
write("xor", {
    "network": [dense(2, 3), activation("tanh"), dense(3, 1), activation("tanh")],
    "loss": "mse",
    "input": [[1, 0]],
    "target": [[1]],
    "train": {"inputs": [[[0, 0]], [[0, 1]], [[1, 0]], [[1, 1]]], "targets": [[[0]], [[1]], [[1]], [[0]]],
              "epochs": 5, "learningRate": 0.1},
})

# 1×1 everywhere: the smallest shapes, with a sigmoid and binary cross-entropy.
write("one-by-one", {
    "network": [dense(1, 1), activation("sigmoid")],
    "loss": "binary_cross_entropy",
    "input": [[0.7]],
    "target": [[1]],
    "train": {"inputs": [[[0.7]], [[-0.3]]], "targets": [[[1]], [[0]]], "epochs": 3, "learningRate": 0.5},
})

# Softmax with large logits (hundreds) and cross-entropy.
write("softmax-large-logits", {
    "network": [dense(3, 4, scale=300.0), {"type": "softmax"}],
    "loss": "cross_entropy",
    "input": [[0.9, -0.4, 0.6]],
    "target": [[0.1, 0.2, 0.3, 0.4]],
})

# Every activation in one chain, through MSE; reseeded so that no ReLU input is near its kink (refnn gradcheck
# reports such points), since the oracle's numbers are checked by finite differences too.
rng.seed(1)
write("every-activation", {
    "network": [dense(4, 3), activation("tanh"), dense(3, 3), activation("sigmoid"), dense(3, 3), activation("relu"),
                dense(3, 3), activation("leaky_relu", alpha=0.2), dense(3, 2), activation("softplus"), dense(2, 2),
                activation("leaky_relu")],
    "loss": "mse",
    "input": [away_from_zero(4)],
    "target": [uniform(2)],
})

# Depth above 1 on both sides of a convolution, then pooling with remainder, and a dense head.
write("conv-depth-and-pooling", {
    "network": [conv(3, 2, 2, 3), activation("tanh"),
                {"type": "maxpool", "size": [2, 2], "stride": [1, 2]},
                {"type": "flatten"}, dense(2 * 2 * 3, 2), activation("sigmoid")],
    "loss": "binary_cross_entropy",
    "input": uniform(5, 5, 2),
    "target": [[0, 1]],
    "train": {"inputs": [uniform(5, 5, 2), uniform(5, 5, 2)], "targets": [[[0, 1]], [[1, 0]]], "epochs": 2, "learningRate": 0.05},
})

# A kernel as large as its input (output 1×1×k).
write("kernel-as-large-as-input", {
    "network": [conv(3, 3, 2, 2), activation("softplus"), {"type": "flatten"}],
    "loss": "mse",
    "input": uniform(3, 3, 2),
    "target": [[0.5, -0.5]],
})

# Pooling whose windows leave rows and columns over (7 = 2·3 + 1, 5 = 2·2 + 1), default stride.
write("pooling-with-remainder", {
    "network": [{"type": "maxpool", "size": [2, 2]}, {"type": "flatten"}, dense(3 * 2 * 2, 3), {"type": "softmax"}],
    "loss": "cross_entropy",
    "input": uniform(7, 5, 2),
    "target": [[0, 0, 1]],
})

# Dropout with a fixed mask, and dropout without one (the identity).
write("dropout", {
    "network": [dense(4, 6), {"type": "dropout", "rate": 0.5, "mask": [[1, 0, 1, 1, 0, 1]]}, activation("tanh"),
                {"type": "dropout", "rate": 0.3}, dense(6, 2)],
    "loss": "mse",
    "input": [uniform(4)],
    "target": [uniform(2)],
    "train": {"inputs": [[uniform(4)], [uniform(4)]], "targets": [[uniform(2)], [uniform(2)]], "epochs": 2, "learningRate": 0.2},
})

# Tensors in NumPy files: float64 weights, a float32 input (widened to double), a 1-axis bias.
np.save("npy-conv-weights.npy", np.array(uniform(2, 2, 1, 2), dtype=np.float64))
np.save("npy-input.npy", np.array(uniform(4, 4, 1), dtype=np.float32))
np.save("npy-dense-weights.npy", np.array(uniform(18, 2), dtype=np.float64))
write("npy-tensors", {
    "network": [{"type": "conv", "weights": {"npy": "npy-conv-weights.npy"}, "bias": uniform(2)}, activation("tanh"),
                {"type": "flatten"}, {"type": "dense", "weights": {"npy": "npy-dense-weights.npy"}, "bias": uniform(2)}],
    "loss": "mse",
    "input": {"npy": "npy-input.npy"},
    "target": [[0.25, -0.75]],
})
