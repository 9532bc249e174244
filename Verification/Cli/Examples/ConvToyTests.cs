using ReferenceNN.Networks;
using System.Linq;
using ReferenceNN.Cli.Examples;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Cli.Examples;

public class ConvToyTests
{
    [Fact]
    public void Build_IsTheArticlesThreeConvolutionToy()
    {
        (Network network, Tensor input, Tensor target) = ConvToy.Build(ConvToy.DefaultSeed);
        Assert.Equal(new Shape(10, 10, 1), input.Shape);
        Assert.Equal(new Shape(4, 4, 2), target.Shape);
        Assert.Equal(new Shape(4, 4, 2), network.OutputShape);
        Assert.Equal(6, network.Layers.Count);
        Assert.Equal(3, network.Layers.Count(l => l.Name == "Convolution"));
        Assert.All(input.Span.ToArray().Concat(target.Span.ToArray()), v => Assert.InRange(v, 0, 1));
        Assert.Equal((1000, 0.3), (ConvToy.Epochs, ConvToy.LearningRate));
    }

    [Fact]
    public void Fit_SeedsOneToFive_EachReduceTheErrorTenfold()
    {
        // Measured: 74×, 27×, 66×, 111×, 173× for seeds 1 to 5 (epoch 1 against epoch 1000).
        for (int seed = 1; seed <= 5; seed++)
        {
            (Network network, Tensor input, Tensor target) = ConvToy.Build(seed);
            double[] errors = network.Fit([input], [target], ConvToy.Epochs, ConvToy.LearningRate);
            Assert.True(errors[^1] < errors[0] / 10, $"seed {seed}: first {errors[0]}, last {errors[^1]}");
        }
    }

    [Fact]
    public void Build_SameSeed_IsBitIdentical()
    {
        var (a, inputA, _) = ConvToy.Build(5);
        var (b, inputB, _) = ConvToy.Build(5);
        Expect.Bitwise(inputA, inputB);
        Expect.Bitwise(a.Forward(inputA).Clone(), b.Forward(inputB).Clone());
    }
}
