using ReferenceNN.Networks;
using System;
using System.Linq;
using ReferenceNN.Cli.Examples;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Cli.Examples;

public class XorTests
{
    [Fact]
    public void DefaultSeed_ConvergesBelowOneHundredthAndPredictsXor()
    {
        Network network = Xor.Build(Xor.DefaultSeed);
        double[] errors = network.Fit(Xor.Inputs(), Xor.Targets(), Xor.Epochs, Xor.LearningRate);
        Assert.True(errors[^1] < 0.01, $"last error {errors[^1]}");
        Assert.True(errors[^1] < errors[0] / 100, $"first {errors[0]}, last {errors[^1]}");
        Tensor[] predictions = network.Predict(Xor.Inputs());
        Assert.Equal([0.0, 1, 1, 0], Array.ConvertAll(predictions, p => Math.Round(p.Span[0])));
    }

    [Fact]
    public void Build_IsTheArticlesNetwork()
    {
        Network network = Xor.Build(3);
        Assert.Equal(["FullyConnected", "ActivationLayer(tanh)", "FullyConnected", "ActivationLayer(tanh)"],
            network.Layers.Select(l => l.Name));
        Assert.Equal("mse", network.Loss!.Name);
        Assert.Equal(new Shape(1, 2), network.InputShape);
        Assert.Equal(new Shape(1, 1), network.OutputShape);
        Assert.Equal(1000, Xor.Epochs);
        Assert.Equal(0.1, Xor.LearningRate);
    }

    [Fact]
    public void Data_IsTheFourXorSamples()
    {
        Assert.Equal(["[[0, 0]]", "[[0, 1]]", "[[1, 0]]", "[[1, 1]]"], Xor.Inputs().Select(t => t.ToString()));
        Assert.Equal(["[[0]]", "[[1]]", "[[1]]", "[[0]]"], Xor.Targets().Select(t => t.ToString()));
    }

    [Fact]
    public void Build_SameSeed_TrainsBitIdentically()
    {
        Network a = Xor.Build(17), b = Xor.Build(17);
        Assert.Equal(a.Fit(Xor.Inputs(), Xor.Targets(), 50, 0.1), b.Fit(Xor.Inputs(), Xor.Targets(), 50, 0.1));
        Expect.Bitwise(a.Predict(Xor.Inputs())[3], b.Predict(Xor.Inputs())[3]);
    }
}
