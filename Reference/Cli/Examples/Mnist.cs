using ReferenceNN.Networks;
using System;
using ReferenceNN.Activations;
using ReferenceNN.Layers;
using ReferenceNN.Losses;

namespace ReferenceNN.Cli.Examples;

/// <summary>
/// The two MNIST networks of the article's repository, as the article builds them. Images are 28×28 with values
/// scaled to [0, 1]; targets are one-hot rows 1×10; the loss is MSE.
/// </summary>
internal static class Mnist
{
    /// <summary>The side of an image.</summary>
    public const int Side = 28;

    /// <summary>The number of classes.</summary>
    public const int Classes = 10;

    /// <summary>The article's number of training images.</summary>
    public const int ArticleTrainingSize = 1000;

    /// <summary>The article's learning rate for both networks.</summary>
    public const double LearningRate = 0.1;

    /// <summary>The article's epochs for the fully connected network.</summary>
    public const int FullyConnectedEpochs = 35;

    /// <summary>The article's epochs for the convolutional network.</summary>
    public const int ConvolutionalEpochs = 100;

    /// <summary>
    /// FC(784→100), tanh, FC(100→50), tanh, FC(50→10), tanh; MSE. Input 1×784 (an image flattened row by row).
    /// Weights are drawn layer by layer from <paramref name="random"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is null.</exception>
    public static Network FullyConnectedNetwork(RandomSource random)
    {
        var network = new Network();
        network.Add(new FullyConnected(Side * Side, 100, random));
        network.Add(new ActivationLayer(new Shape(1, 100), Tanh.Instance));
        network.Add(new FullyConnected(100, 50, random));
        network.Add(new ActivationLayer(new Shape(1, 50), Tanh.Instance));
        network.Add(new FullyConnected(50, Classes, random));
        network.Add(new ActivationLayer(new Shape(1, Classes), Tanh.Instance));
        network.Use(MeanSquaredError.Instance);
        return network;
    }

    /// <summary>
    /// Conv(28×28×1, 3×3, 1), tanh, Flatten, FC(676→100), tanh, FC(100→10), tanh; MSE. Input 28×28×1.
    /// Weights are drawn layer by layer from <paramref name="random"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is null.</exception>
    public static Network ConvolutionalNetwork(RandomSource random)
    {
        var network = new Network();
        var convolution = new Convolution(new Shape(Side, Side, 1), 3, 3, 1, random);
        network.Add(convolution);
        network.Add(new ActivationLayer(convolution.OutputShape, Tanh.Instance));
        network.Add(new Flatten(convolution.OutputShape));
        network.Add(new FullyConnected(26 * 26, 100, random));
        network.Add(new ActivationLayer(new Shape(1, 100), Tanh.Instance));
        network.Add(new FullyConnected(100, Classes, random));
        network.Add(new ActivationLayer(new Shape(1, Classes), Tanh.Instance));
        network.Use(MeanSquaredError.Instance);
        return network;
    }
}
