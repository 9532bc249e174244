using ReferenceNN.Networks;
using System;
using BenchmarkDotNet.Attributes;
using ReferenceNN.Activations;
using ReferenceNN.Cli.Examples;
using ReferenceNN.Layers;

namespace ReferenceNN.Benchmarks;

/// <summary>Each layer's Forward and Backward at the sizes of the article's MNIST networks.</summary>
[MemoryDiagnoser]
public class LayerBenchmarks
{
    private FullyConnected _fc784 = null!, _fc100 = null!, _fc50 = null!;
    private Convolution _conv = null!;
    private ActivationLayer _tanh100 = null!;
    private Flatten _flatten = null!;
    private Tensor _x784 = null!, _x100 = null!, _x50 = null!, _image = null!, _dy100 = null!, _dy50 = null!, _dy10 = null!, _dyConv = null!, _dyFlat = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new SplitMix64(unchecked((ulong)(1)));
        _fc784 = new FullyConnected(784, 100, random);
        _fc100 = new FullyConnected(100, 50, random);
        _fc50 = new FullyConnected(50, 10, random);
        _conv = new Convolution(new Shape(28, 28, 1), 3, 3, 1, random);
        _tanh100 = new ActivationLayer(new Shape(1, 100), Tanh.Instance);
        _flatten = new Flatten(new Shape(26, 26, 1));
        _x784 = Filled(new Shape(1, 784), random);
        _x100 = Filled(new Shape(1, 100), random);
        _x50 = Filled(new Shape(1, 50), random);
        _image = Filled(new Shape(28, 28, 1), random);
        _dy100 = Filled(new Shape(1, 100), random);
        _dy50 = Filled(new Shape(1, 50), random);
        _dy10 = Filled(new Shape(1, 10), random);
        _dyConv = Filled(new Shape(26, 26, 1), random);
        _dyFlat = Filled(new Shape(1, 676), random);
        _fc784.Forward(_x784);
        _fc100.Forward(_x100);
        _fc50.Forward(_x50);
        _conv.Forward(_image);
        _tanh100.Forward(_x100);
        _flatten.Forward(_dyConv);
    }

    private static Tensor Filled(Shape shape, RandomSource random)
    {
        var t = new Tensor(shape);
        for (int n = 0; n < t.Length; n++) t.Span[n] = random.NextDouble() - 0.5;
        return t;
    }

    [Benchmark] public Tensor FullyConnected784x100_Forward() => _fc784.Forward(_x784);
    [Benchmark] public Tensor FullyConnected784x100_Backward() => _fc784.Backward(_dy100);
    [Benchmark] public Tensor FullyConnected784x100_BackwardPropagation() => _fc784.BackwardPropagation(_dy100, 0);
    [Benchmark] public Tensor FullyConnected100x50_Forward() => _fc100.Forward(_x100);
    [Benchmark] public Tensor FullyConnected100x50_Backward() => _fc100.Backward(_dy50);
    [Benchmark] public Tensor FullyConnected50x10_Forward() => _fc50.Forward(_x50);
    [Benchmark] public Tensor FullyConnected50x10_Backward() => _fc50.Backward(_dy10);
    [Benchmark] public Tensor Convolution28x28x1_3x3x1_Forward() => _conv.Forward(_image);
    [Benchmark] public Tensor Convolution28x28x1_3x3x1_Backward() => _conv.Backward(_dyConv);
    [Benchmark] public Tensor Tanh100_Forward() => _tanh100.Forward(_x100);
    [Benchmark] public Tensor Tanh100_Backward() => _tanh100.Backward(_dy100);
    [Benchmark] public Tensor Flatten26x26x1_Forward() => _flatten.Forward(_dyConv);
    [Benchmark] public Tensor Flatten26x26x1_Backward() => _flatten.Backward(_dyFlat);
}

/// <summary>One training step (forward, loss, backward, update) of each of the article's MNIST networks.</summary>
[MemoryDiagnoser]
public class TrainingStepBenchmarks
{
    private Network _fc = null!, _conv = null!;
    private Tensor _row = null!, _image = null!, _target = null!;

    [GlobalSetup]
    public void Setup()
    {
        _fc = Mnist.FullyConnectedNetwork(new SplitMix64(unchecked((ulong)(1))));
        _conv = Mnist.ConvolutionalNetwork(new SplitMix64(unchecked((ulong)(1))));
        var random = new SplitMix64(unchecked((ulong)(2)));
        _row = new Tensor(new Shape(1, 784));
        _image = new Tensor(new Shape(28, 28, 1));
        for (int n = 0; n < 784; n++) _row.Span[n] = _image.Span[n] = random.NextDouble();
        _target = new Tensor(new Shape(1, 10));
        _target.Span[7] = 1;
        _fc.SetTraining(true);
        _conv.SetTraining(true);
    }

    // A learning rate of 0 keeps the weights, so every iteration does the same work on the same numbers.
    [Benchmark] public double MnistFullyConnected_TrainSample() => _fc.TrainSample(_row, _target, 0);
    [Benchmark] public double MnistConvolutional_TrainSample() => _conv.TrainSample(_image, _target, 0);
}
