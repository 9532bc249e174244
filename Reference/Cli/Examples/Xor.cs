using ReferenceNN.Networks;
using System;
using ReferenceNN.Activations;
using ReferenceNN.Layers;
using ReferenceNN.Losses;

namespace ReferenceNN.Cli.Examples;

/// <summary>
/// The article's XOR example: FC(2→3), tanh, FC(3→1), tanh; MSE; 1000 epochs at learning rate 0.1 on the four
/// XOR samples. Unlike the article's, the initialisation is seeded, so a run can be reproduced bit for bit.
/// </summary>
internal static class Xor
{
    /// <summary>The seed <c>refnn xor</c> uses unless told otherwise.</summary>
    public const int DefaultSeed = 1;

    /// <summary>The article's number of epochs.</summary>
    public const int Epochs = 1000;

    /// <summary>The article's learning rate.</summary>
    public const double LearningRate = 0.1;

    /// <summary>The four inputs, each 1×2: [0,0], [0,1], [1,0], [1,1].</summary>
    public static Tensor[] Inputs() =>
        [Tensor.Row(0, 0), Tensor.Row(0, 1), Tensor.Row(1, 0), Tensor.Row(1, 1)];

    /// <summary>The four targets, each 1×1: 0, 1, 1, 0.</summary>
    public static Tensor[] Targets() =>
        [Tensor.Row(0), Tensor.Row(1), Tensor.Row(1), Tensor.Row(0)];

    /// <summary>The article's network with weights drawn from <c>new SplitMix64(unchecked((ulong)seed))</c>, layer by layer, and MSE as its loss.</summary>
    public static Network Build(int seed)
    {
        var random = new SplitMix64(unchecked((ulong)seed));
        var network = new Network();
        network.Add(new FullyConnected(2, 3, random));
        network.Add(new ActivationLayer(new Shape(1, 3), Tanh.Instance));
        network.Add(new FullyConnected(3, 1, random));
        network.Add(new ActivationLayer(new Shape(1, 1), Tanh.Instance));
        network.Use(MeanSquaredError.Instance);
        return network;
    }
}
