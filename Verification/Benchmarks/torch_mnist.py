#!/usr/bin/env python3
"""The PyTorch half of side-by-side.sh: the article's per-sample algorithm written with PyTorch tensor operations in
float64 (one thread), the same arithmetic as numpy_mnist.py: matrix products for the FC layers, conv2d for the valid
cross-correlation, torch.nn.grad.conv2d_weight for ∂E/∂K, the gradient step by hand. No autograd: the article's
explicit backward passes, so that both baselines do the work ReferenceNN does. As there, the first layer's ∂E/∂X,
which nobody reads, is not computed. Starts from the weights and data the C# side exported and prints the same JSON.

    python3 torch_mnist.py fc|conv DIR EPOCHS
"""
import json
import sys
import time

import numpy as np
import torch

torch.set_num_threads(1)
torch.set_grad_enabled(False)
DT = torch.float64


class FCLayer:
    def __init__(self, weights, bias, first):
        self.weights, self.bias, self.first = torch.from_numpy(weights), torch.from_numpy(bias).reshape(1, -1), first

    def forward_propagation(self, x):
        self.input = x
        return x @ self.weights + self.bias

    def backward_propagation(self, output_error, learning_rate):
        input_error = None if self.first else output_error @ self.weights.T
        self.weights -= learning_rate * (self.input.T @ output_error)
        self.bias -= learning_rate * output_error
        return input_error


class ActivationLayer:
    def forward_propagation(self, x):
        self.input = x
        return torch.tanh(x)

    def backward_propagation(self, output_error, learning_rate):
        return (1 - torch.tanh(self.input) ** 2) * output_error


class ConvLayer:
    """Weights kept in PyTorch's k×d×m×n layout; input and output in 1×C×H×W."""

    def __init__(self, weights, bias, first):
        self.weights = torch.from_numpy(np.ascontiguousarray(weights.transpose(3, 2, 0, 1)))
        self.bias, self.first = torch.from_numpy(bias), first

    def forward_propagation(self, x):
        self.input = x
        return torch.nn.functional.conv2d(x, self.weights) + self.bias.reshape(1, -1, 1, 1)

    def backward_propagation(self, output_error, learning_rate):
        input_error = None if self.first else torch.nn.functional.conv_transpose2d(output_error, self.weights)
        d_weights = torch.nn.grad.conv2d_weight(self.input, self.weights.shape, output_error)
        self.weights -= learning_rate * d_weights
        self.bias -= learning_rate * output_error.sum(dim=(0, 2, 3))
        return input_error


class FlattenLayer:
    def forward_propagation(self, x):
        self.input_shape = x.shape
        return x.reshape(1, -1)   # one output channel: 1×1×H×W flattens in the same order as H×W×1

    def backward_propagation(self, output_error, learning_rate):
        return output_error.reshape(self.input_shape)


def mse(y_true, y_pred):
    return torch.mean((y_true - y_pred) ** 2)


def mse_prime(y_true, y_pred):
    return 2 * (y_pred - y_true) / y_true.numel()


def main(kind, folder, epochs):
    load = lambda name: np.load(f"{folder}/{name}.npy")
    if kind == "fc":
        layers = [FCLayer(load("layer0.weights"), load("layer0.bias"), True), ActivationLayer(),
                  FCLayer(load("layer2.weights"), load("layer2.bias"), False), ActivationLayer(),
                  FCLayer(load("layer4.weights"), load("layer4.bias"), False), ActivationLayer()]
        inputs = torch.from_numpy(load("inputs").reshape(-1, 1, 784))
    else:
        layers = [ConvLayer(load("layer0.weights"), load("layer0.bias"), True), ActivationLayer(), FlattenLayer(),
                  FCLayer(load("layer3.weights"), load("layer3.bias"), False), ActivationLayer(),
                  FCLayer(load("layer5.weights"), load("layer5.bias"), False), ActivationLayer()]
        inputs = torch.from_numpy(load("inputs").reshape(-1, 1, 1, 28, 28))
    targets = torch.from_numpy(load("targets").reshape(-1, 1, 10))
    samples = len(inputs)
    errors = []
    start = time.perf_counter()
    for _ in range(epochs):
        err = 0.0
        for j in range(samples):
            output = inputs[j]
            for layer in layers:
                output = layer.forward_propagation(output)
            err += float(mse(targets[j], output))
            error = mse_prime(targets[j], output)
            for layer in reversed(layers):
                error = layer.backward_propagation(error, 0.1)
        errors.append(err / samples)
    seconds = time.perf_counter() - start
    print(json.dumps({"implementation": "PyTorch " + torch.__version__.split("+")[0], "epochErrors": errors,
                      "secondsPerSample": seconds / (samples * epochs)}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
