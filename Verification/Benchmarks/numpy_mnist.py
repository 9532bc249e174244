#!/usr/bin/env python3
"""The NumPy half of side-by-side.sh: the article's per-sample algorithm in plain NumPy (and SciPy's correlate2d and
convolve2d for the convolution, as the article uses), written for this comparison. It starts from the initial weights
and data that the C# side exported, trains the same network for the same epochs, and prints the same JSON: each
epoch's error and the time per training sample.

    OPENBLAS_NUM_THREADS=1 MALLOC_MMAP_THRESHOLD_=33554432 python3 numpy_mnist.py fc DIR EPOCHS
"""
import json
import sys
import time

import numpy as np
from scipy import signal


class FCLayer:
    def __init__(self, weights, bias, first=False):
        self.weights, self.bias, self.first = weights, bias.reshape(1, -1), first

    def forward_propagation(self, x):
        self.input = x
        return np.dot(x, self.weights) + self.bias

    def backward_propagation(self, output_error, learning_rate):
        # The first layer's ∂E/∂X is not needed (nothing reads it), so it is not computed, as in ReferenceNN's training.
        input_error = None if self.first else np.dot(output_error, self.weights.T)
        weights_error = np.dot(self.input.T, output_error)
        self.weights -= learning_rate * weights_error
        self.bias -= learning_rate * output_error
        return input_error


class ActivationLayer:
    def forward_propagation(self, x):
        self.input = x
        return np.tanh(x)

    def backward_propagation(self, output_error, learning_rate):
        return (1 - np.tanh(self.input) ** 2) * output_error


class ConvLayer:
    """The article's ConvLayer with its bias added once per output channel (ReferenceNN's formula; docs/Errata.md)."""

    def __init__(self, weights, bias, first=False):
        self.weights, self.bias, self.first = weights, bias, first
        self.kernel_shape, self.input_depth, self.layer_depth = weights.shape[:2], weights.shape[2], weights.shape[3]

    def forward_propagation(self, x):
        self.input = x
        out = np.zeros((x.shape[0] - self.kernel_shape[0] + 1, x.shape[1] - self.kernel_shape[1] + 1, self.layer_depth))
        for k in range(self.layer_depth):
            for d in range(self.input_depth):
                out[:, :, k] += signal.correlate2d(x[:, :, d], self.weights[:, :, d, k], 'valid')
            out[:, :, k] += self.bias[k]
        return out

    def backward_propagation(self, output_error, learning_rate):
        in_error = np.zeros(self.input.shape)
        d_weights = np.zeros(self.weights.shape)
        d_bias = np.zeros(self.layer_depth)
        for k in range(self.layer_depth):
            for d in range(self.input_depth):
                if not self.first:
                    in_error[:, :, d] += signal.convolve2d(output_error[:, :, k], self.weights[:, :, d, k], 'full')
                d_weights[:, :, d, k] = signal.correlate2d(self.input[:, :, d], output_error[:, :, k], 'valid')
            d_bias[k] = np.sum(output_error[:, :, k])
        self.weights -= learning_rate * d_weights
        self.bias -= learning_rate * d_bias
        return in_error


class FlattenLayer:
    def forward_propagation(self, x):
        self.input_shape = x.shape
        return x.reshape(1, -1)

    def backward_propagation(self, output_error, learning_rate):
        return output_error.reshape(self.input_shape)


def mse(y_true, y_pred):
    return np.mean(np.power(y_true - y_pred, 2))


def mse_prime(y_true, y_pred):
    return 2 * (y_pred - y_true) / y_true.size


def main(kind, folder, epochs):
    load = lambda name: np.load(f"{folder}/{name}.npy")
    if kind == "fc":
        layers = [FCLayer(load("layer0.weights"), load("layer0.bias"), first=True), ActivationLayer(),
                  FCLayer(load("layer2.weights"), load("layer2.bias")), ActivationLayer(),
                  FCLayer(load("layer4.weights"), load("layer4.bias")), ActivationLayer()]
        inputs = load("inputs").reshape(-1, 1, 784)
    else:
        layers = [ConvLayer(load("layer0.weights"), load("layer0.bias"), first=True), ActivationLayer(), FlattenLayer(),
                  FCLayer(load("layer3.weights"), load("layer3.bias")), ActivationLayer(),
                  FCLayer(load("layer5.weights"), load("layer5.bias")), ActivationLayer()]
        inputs = load("inputs").reshape(-1, 28, 28, 1)
    targets = load("targets").reshape(-1, 1, 10)
    samples = len(inputs)
    errors = []
    start = time.perf_counter()
    for _ in range(epochs):
        err = 0
        for j in range(samples):
            output = inputs[j]
            for layer in layers:
                output = layer.forward_propagation(output)
            err += mse(targets[j], output)
            error = mse_prime(targets[j], output)
            for layer in reversed(layers):
                error = layer.backward_propagation(error, 0.1)
        errors.append(err / samples)
    seconds = time.perf_counter() - start
    print(json.dumps({"implementation": "NumPy " + np.__version__, "epochErrors": [float(e) for e in errors],
                      "secondsPerSample": seconds / (samples * epochs)}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
