#!/usr/bin/env python3
"""An independent NumPy implementation of the referencenn/case@1 networks, written from the formulas in docs/
(not from the C#), used to cross-check the oracle: for every conformance case, its answer must pass
`refnn check CASE ANSWER`.

    /usr/bin/python3 numpy_impl.py CASE.case.json > ANSWER.json
    /usr/bin/python3 numpy_impl.py --dtype float32 CASE.case.json > ANSWER.json   # every array in float32

With --dtype float32 it is a float32 implementation (every input rounded to float32 and every operation carried out in
float32 by NumPy and SciPy), one of the two independent float32 implementations the float32 verdict of `refnn check`
is validated against (docs/Oracle/Float32Reference.md).

It is also the worked example of docs/Oracle.md: the way a NumPy user would check their own code.
"""
import json
import os
import sys

import numpy as np
from scipy import signal


DT = np.float64  # the precision of every array; --dtype float32 makes it np.float32


def tensor(value, folder):
    if isinstance(value, dict):
        return np.load(os.path.join(folder, value["npy"])).astype(np.float64).astype(DT)
    return np.array(value, dtype=np.float64).astype(DT)


ACTIVATIONS = {
    "tanh": (np.tanh, lambda x, a: 1 - np.tanh(x) ** 2),
    "sigmoid": (lambda x: 1 / (1 + np.exp(-x)), lambda x, a: (1 / (1 + np.exp(-x))) * (1 - 1 / (1 + np.exp(-x)))),
    "relu": (lambda x: np.maximum(x, 0), lambda x, a: (x > 0).astype(DT)),
    "softplus": (lambda x: np.logaddexp(0, x), lambda x, a: 1 / (1 + np.exp(-x))),
}


class Layer:
    def __init__(self, spec, folder):
        self.spec, self.type = spec, spec["type"]
        if self.type in ("dense", "conv"):
            self.w = tensor(spec["weights"], folder)
            self.b = tensor(spec["bias"], folder)
        if self.type == "dropout":
            self.rate = spec["rate"]
            self.mask = tensor(spec["mask"], folder) if "mask" in spec else None

    def forward(self, x):
        self.x = x
        t = self.type
        if t == "dense":
            y = x @ self.w + self.b.reshape(1, -1)
        elif t == "activation":
            f = self.spec["function"]
            alpha = self.spec.get("alpha", 0.01)
            y = np.where(x > 0, x, DT(alpha) * x) if f == "leaky_relu" else ACTIVATIONS[f][0](x)
        elif t == "softmax":
            e = np.exp(x - x.max())
            y = e / e.sum()
        elif t == "conv":
            m, n, d, k = self.w.shape
            y = np.zeros((x.shape[0] - m + 1, x.shape[1] - n + 1, k), dtype=DT)
            for kk in range(k):
                for dd in range(d):
                    y[:, :, kk] += signal.correlate2d(x[:, :, dd], self.w[:, :, dd, kk], "valid")
                y[:, :, kk] += self.b.reshape(-1)[kk]
        elif t == "maxpool":
            p, q = self.spec["size"]
            s, u = self.spec.get("stride", [p, q])
            rows, cols = (x.shape[0] - p) // s + 1, (x.shape[1] - q) // u + 1
            y = np.zeros((rows, cols, x.shape[2]), dtype=DT)
            self.argmax = {}
            for r in range(rows):
                for c in range(cols):
                    for ch in range(x.shape[2]):
                        window = x[r * s:r * s + p, c * u:c * u + q, ch]
                        a, b = np.unravel_index(np.argmax(window), window.shape)  # first maximum, row-major
                        y[r, c, ch] = window[a, b]
                        self.argmax[(r, c, ch)] = (r * s + a, c * u + b, ch)
        elif t == "flatten":
            y = x.reshape(1, -1)
        elif t == "dropout":
            y = x if self.mask is None else x * self.mask / DT(1 - self.rate)
        self.y = y
        return y

    def backward(self, dy):
        t, x = self.type, self.x
        self.dw = self.db = None
        if t == "dense":
            self.dw = x.T @ dy
            self.db = dy.reshape(self.b.shape)
            return dy @ self.w.T
        if t == "activation":
            f = self.spec["function"]
            alpha = self.spec.get("alpha", 0.01)
            return dy * (np.where(x > 0, DT(1), DT(alpha)) if f == "leaky_relu" else ACTIVATIONS[f][1](x, alpha))
        if t == "softmax":
            return self.y * (dy - np.sum(dy * self.y))
        if t == "conv":
            m, n, d, k = self.w.shape
            dx = np.zeros(x.shape, dtype=DT)
            self.dw = np.zeros(self.w.shape, dtype=DT)
            for kk in range(k):
                for dd in range(d):
                    dx[:, :, dd] += signal.convolve2d(dy[:, :, kk], self.w[:, :, dd, kk], "full")
                    self.dw[:, :, dd, kk] = signal.correlate2d(x[:, :, dd], dy[:, :, kk], "valid")
            self.db = dy.sum(axis=(0, 1)).reshape(self.b.shape)
            return dx
        if t == "maxpool":
            dx = np.zeros(x.shape, dtype=DT)
            for key, position in self.argmax.items():
                dx[position] += dy[key]
            return dx
        if t == "flatten":
            return dy.reshape(x.shape)
        if t == "dropout":
            return dy if self.mask is None else dy * self.mask / DT(1 - self.rate)


def loss(name, target, y):
    if name == "mse":
        return np.mean((target - y) ** 2), 2 * (y - target) / target.size
    if name == "binary_cross_entropy":
        n = y.size
        e = -(np.sum(np.where(target != 0, target * np.log(np.where(target != 0, y, 1)), 0))
              + np.sum(np.where(target != 1, (1 - target) * np.log(np.where(target != 1, 1 - y, 1)), 0))) / n
        d = (np.where(target != 0, -target / y, 0) + np.where(target != 1, (1 - target) / (1 - y), 0)) / n
        return e, d
    if name == "cross_entropy":
        e = -np.sum(np.where(target != 0, target * np.log(np.where(target != 0, y, 1)), 0))
        return e, np.where(target != 0, -target / y, 0)
    raise ValueError(name)


def main(path):
    folder = os.path.dirname(os.path.abspath(path))
    with open(path, encoding="utf-8") as f:
        case = json.load(f)
    layers = [Layer(spec, folder) for spec in case["network"]]
    y = tensor(case["input"], folder)
    for layer in layers:
        y = layer.forward(y)
    e, error = loss(case["loss"], tensor(case["target"], folder), y)
    for layer in reversed(layers):
        error = layer.backward(error)
    for name, array in (("output", y), ("inputGradient", error)):
        assert array.dtype == DT, (name, array.dtype)  # nothing was silently computed in another precision
    result = {"format": "referencenn/result@1", "producer": "numpy_impl.py", "dtype": np.dtype(DT).name,
              "output": y.astype(np.float64).tolist(), "loss": float(e),
              "inputGradient": error.tolist(), "layers": []}
    for layer in layers:
        entry = {"type": layer.type}
        if layer.dw is not None:
            assert layer.dw.dtype == DT and layer.db.dtype == DT, layer.type
            entry["weightsGradient"] = layer.dw.astype(np.float64).tolist()
            entry["biasGradient"] = layer.db.astype(np.float64).tolist()
        result["layers"].append(entry)
    json.dump(named_non_finite(result), sys.stdout, indent=1)


def named_non_finite(value):
    """The result with every non-finite number as the strings "Infinity", "-Infinity", "NaN", which refnn reads
    (json.dump would write bare NaN and Infinity, which are not JSON)."""
    if isinstance(value, dict):
        return {k: named_non_finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [named_non_finite(v) for v in value]
    if isinstance(value, float) and not np.isfinite(value):
        return "NaN" if np.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    return value


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if arguments[:1] == ["--dtype"]:
        DT = {"float64": np.float64, "float32": np.float32}[arguments[1]]
        arguments = arguments[2:]
    main(arguments[0])
