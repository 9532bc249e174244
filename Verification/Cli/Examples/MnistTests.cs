using ReferenceNN.Networks;
using System;
using System.Linq;
using ReferenceNN.Cli.Examples;
using ReferenceNN.Layers;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Cli.Examples;

public class MnistTests
{
    [Fact]
    public void FullyConnectedNetwork_IsTheArticles784_100_50_10TanhMse()
    {
        Network network = Mnist.FullyConnectedNetwork(new Rng(1));
        Assert.Equal(["FullyConnected", "ActivationLayer(tanh)", "FullyConnected", "ActivationLayer(tanh)", "FullyConnected", "ActivationLayer(tanh)"],
            network.Layers.Select(l => l.Name));
        Assert.Equal([new Shape(1, 784), new Shape(1, 100), new Shape(1, 100), new Shape(1, 50), new Shape(1, 50), new Shape(1, 10)],
            network.Layers.Select(l => l.InputShape));
        Assert.Equal(new Shape(1, 10), network.OutputShape);
        Assert.Equal("mse", network.Loss!.Name);
        Assert.Throws<ArgumentNullException>(() => Mnist.FullyConnectedNetwork(null!));
    }

    [Fact]
    public void ConvolutionalNetwork_IsTheArticlesConvFlattenFcTanhMse()
    {
        Network network = Mnist.ConvolutionalNetwork(new Rng(1));
        Assert.Equal(["Convolution", "ActivationLayer(tanh)", "Flatten", "FullyConnected", "ActivationLayer(tanh)", "FullyConnected", "ActivationLayer(tanh)"],
            network.Layers.Select(l => l.Name));
        Assert.Equal(new Shape(28, 28, 1), network.InputShape);
        Assert.Equal(new Shape(3, 3, 1, 1), ((Convolution)network.Layers[0]).Weights.Shape);
        Assert.Equal(new Shape(1, 676), network.Layers[3].InputShape);
        Assert.Equal(new Shape(1, 10), network.OutputShape);
        Assert.Equal("mse", network.Loss!.Name);
        Assert.Throws<ArgumentNullException>(() => Mnist.ConvolutionalNetwork(null!));
    }

    [Fact]
    public void ArticleSettings_AreItsOwn()
    {
        Assert.Equal((1000, 0.1, 35, 100), (Mnist.ArticleTrainingSize, Mnist.LearningRate, Mnist.FullyConnectedEpochs, Mnist.ConvolutionalEpochs));
        Assert.Equal((28, 10), (Mnist.Side, Mnist.Classes));
    }

    [Fact]
    public void ConvolutionalNetwork_OneStep_MatchesACentralDifferenceOnTheFirstLayer()
    {
        Network network = Mnist.ConvolutionalNetwork(new Rng(2));
        Tensor image = RandomTensor.Uniform(new Shape(28, 28, 1), new Rng(3), 0, 1);
        Tensor target = new(new Shape(1, 10));
        target.Span[4] = 1;
        network.ComputeGradients(image, target);
        var convolution = (Convolution)network.Layers[0];
        Tensor weightsError = convolution.WeightsError.Clone();
        // ∂E/∂K[0,0] numerically, at the article's sizes
        Tensor k = convolution.Weights;
        double original = k.Span[0], h = 1e-5;
        k.Span[0] = original + h;
        double plus = network.Loss!.Value(target, network.Forward(image));
        k.Span[0] = original - h;
        double minus = network.Loss!.Value(target, network.Forward(image));
        k.Span[0] = original;
        Assert.Equal((plus - minus) / (2 * h), weightsError.Span[0], 1e-9);
    }
}
