using ReferenceNN.Networks;
using System;
using ReferenceNN.Activations;
using ReferenceNN.Layers;
using ReferenceNN.Losses;

namespace ReferenceNN.Cli.Examples;

/// <summary>
/// The article's conv-only toy, with the correct convolution: Conv(10×10×1, 3×3, 1), tanh, Conv(8×8×1, 3×3, 1), tanh,
/// Conv(6×6×1, 3×3, 2), tanh; MSE; one random 10×10×1 input trained towards one random 4×4×2 target for 1000 epochs
/// at learning rate 0.3. Its last layer has d = 1 and k = 2, where the article's bias gradient is doubled
/// (docs/Errata.md).
/// </summary>
internal static class ConvToy
{
    /// <summary>The seed <c>refnn conv-toy</c> uses unless told otherwise.</summary>
    public const int DefaultSeed = 1;

    /// <summary>The article's number of epochs.</summary>
    public const int Epochs = 1000;

    /// <summary>The article's learning rate.</summary>
    public const double LearningRate = 0.3;

    /// <summary>
    /// The network, its one input (uniform[0,1), as NumPy's rand) and its one target (uniform[0,1)), all drawn from
    /// <c>new SplitMix64(unchecked((ulong)seed))</c>: the input, then the target, then the layers' weights in order.
    /// </summary>
    public static (Network Network, Tensor Input, Tensor Target) Build(int seed)
    {
        var random = new SplitMix64(unchecked((ulong)seed));
        var input = new Tensor(new Shape(10, 10, 1));
        var target = new Tensor(new Shape(4, 4, 2));
        foreach (Tensor t in new[] { input, target })
        {
            Span<double> values = t.Span;
            for (int n = 0; n < values.Length; n++) values[n] = random.NextDouble();
        }
        var network = new Network();
        network.Add(new Convolution(new Shape(10, 10, 1), 3, 3, 1, random));
        network.Add(new ActivationLayer(new Shape(8, 8, 1), Tanh.Instance));
        network.Add(new Convolution(new Shape(8, 8, 1), 3, 3, 1, random));
        network.Add(new ActivationLayer(new Shape(6, 6, 1), Tanh.Instance));
        network.Add(new Convolution(new Shape(6, 6, 1), 3, 3, 2, random));
        network.Add(new ActivationLayer(new Shape(4, 4, 2), Tanh.Instance));
        network.Use(MeanSquaredError.Instance);
        return (network, input, target);
    }
}
