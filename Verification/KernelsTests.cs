using System;
using System.Collections.Generic;
using ReferenceNN.Cli.Examples;
using ReferenceNN.Layers;
using ReferenceNN.Networks;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification;

/// <summary>
/// Training with the fast kernels and with the literal formulas gives the same numbers to the last bit: every epoch
/// error, every weight and bias, every prediction. Shown on the article's two MNIST networks, whose layers have fast
/// kernels, over a few hundred per-sample steps on images drawn at random (28×28 in [0, 1], one-hot targets).
/// </summary>
public class KernelsTests
{
    private const int Samples = 150, Epochs = 2;

    public static TheoryData<string> Networks() => ["fc", "conv"];

    [Theory]
    [MemberData(nameof(Networks))]
    public void Fit_FastAndLiteral_GiveBitIdenticalErrorsWeightsAndPredictions(string kind)
    {
        (List<Tensor> inputs, List<Tensor> targets) = Data(kind == "conv", new Rng(11));
        Network fast = Build(kind), literal = Build(kind);
        fast.Kernels = Kernels.Fast;
        literal.Kernels = Kernels.Literal;
        double[] fastErrors = fast.Fit(inputs, targets, Epochs, Mnist.LearningRate);
        double[] literalErrors = literal.Fit(inputs, targets, Epochs, Mnist.LearningRate);

        Assert.Equal(Epochs, fastErrors.Length);
        for (int e = 0; e < Epochs; e++) Assert.Equal(BitConverter.DoubleToInt64Bits(literalErrors[e]), BitConverter.DoubleToInt64Bits(fastErrors[e]));
        for (int n = 0; n < fast.Layers.Count; n++)
        {
            for (int p = 0; p < fast.Layers[n].Parameters.Count; p++)
            {
                Expect.Bitwise(literal.Layers[n].Parameters[p].Value, fast.Layers[n].Parameters[p].Value);
                Expect.Bitwise(literal.Layers[n].Parameters[p].Error, fast.Layers[n].Parameters[p].Error);
            }
        }
        Tensor[] fastPredictions = fast.Predict(inputs.GetRange(0, 20)), literalPredictions = literal.Predict(inputs.GetRange(0, 20));
        for (int n = 0; n < fastPredictions.Length; n++) Expect.Bitwise(literalPredictions[n], fastPredictions[n]);
        // The runs trained: the weights moved from where they started.
        Assert.False(Build(kind).Layers[0].Parameters[0].Value.BitwiseEquals(fast.Layers[0].Parameters[0].Value));
    }

    [Fact]
    public void Network_ComputesWithTheFastKernels_UnlessToldOtherwise() => Assert.Equal(Kernels.Fast, new Network().Kernels);

    private static Network Build(string kind) =>
        kind == "conv" ? Mnist.ConvolutionalNetwork(new Rng(5)) : Mnist.FullyConnectedNetwork(new Rng(5));

    private static (List<Tensor> Inputs, List<Tensor> Targets) Data(bool image, Rng random)
    {
        var inputs = new List<Tensor>();
        var targets = new List<Tensor>();
        for (int n = 0; n < Samples; n++)
        {
            Shape shape = image ? new Shape(Mnist.Side, Mnist.Side, 1) : new Shape(1, Mnist.Side * Mnist.Side);
            inputs.Add(RandomTensor.Uniform(shape, random, 0, 1));
            var target = new Tensor(new Shape(1, Mnist.Classes));
            target.Span[random.Next(Mnist.Classes)] = 1;
            targets.Add(target);
        }
        return (inputs, targets);
    }
}
