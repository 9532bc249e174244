using System;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ReferenceNN.Checking;
using ReferenceNN.Layers;
using ReferenceNN.Losses;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Layers;

public class FullyConnectedTests
{
    // X = [1, 2], W = [[1, 2, 3], [4, 5, 6]], B = [0.5, −1, 2]: numbers to check on paper.
    private static FullyConnected PaperLayer() =>
        new(new Tensor(new Shape(2, 3), [1, 2, 3, 4, 5, 6]), Tensor.Row(0.5, -1, 2));

    [Fact]
    public void Forward_HandComputedCase_IsXTimesWPlusB()
    {
        // y = [1·1 + 2·4 + 0.5, 1·2 + 2·5 − 1, 1·3 + 2·6 + 2]
        Expect.Close([9.5, 11, 17], PaperLayer().Forward(Tensor.Row(1, 2)), 0);
    }

    [Fact]
    public void Backward_HandComputedCase_GivesInputWeightsAndBiasErrors()
    {
        FullyConnected layer = PaperLayer();
        layer.Forward(Tensor.Row(1, 2));
        Tensor inputError = layer.Backward(Tensor.Row(1, -2, 0.5));
        // ∂E/∂X = ∂E/∂Y·Wᵀ = [1·1 − 2·2 + 0.5·3, 1·4 − 2·5 + 0.5·6]
        Expect.Close([-1.5, -3], inputError, 0);
        // ∂E/∂W = Xᵀ·∂E/∂Y
        Expect.Close([1, -2, 0.5, 2, -4, 1], layer.WeightsError, 0);
        Expect.Close([1, -2, 0.5], layer.BiasError, 0);
    }

    [Fact]
    public void BackwardPropagation_HandComputedCase_ReturnsInputErrorFromWeightsBeforeTheStep()
    {
        FullyConnected layer = PaperLayer();
        layer.Forward(Tensor.Row(1, 2));
        Tensor inputError = layer.BackwardPropagation(Tensor.Row(1, -2, 0.5), 0.5);
        Expect.Close([-1.5, -3], inputError, 0);
        // W − 0.5·Xᵀ·∂E/∂Y and B − 0.5·∂E/∂Y
        Expect.Close([0.5, 3, 2.75, 3, 7, 5.5], layer.Weights, 0);
        Expect.Close([0, 0, 1.75], layer.Bias, 0);
    }

    [Fact]
    public void Forward_WrongInputShape_MessageNamesOperationAndBothShapes()
    {
        Expect.Throws<ArgumentException>(() => PaperLayer().Forward(Tensor.Row(1, 2, 3)),
            "FullyConnected.Forward: input is 1×3 but the layer takes 1×2");
    }

    [Fact]
    public void Backward_WrongOutputErrorShape_MessageNamesOperationAndBothShapes()
    {
        FullyConnected layer = PaperLayer();
        layer.Forward(Tensor.Row(1, 2));
        Expect.Throws<ArgumentException>(() => layer.Backward(Tensor.Row(1, 2)),
            "FullyConnected.Backward: outputError is 1×2 but the layer gives 1×3");
    }

    [Fact]
    public void BackwardPropagation_ChecksItsArgumentsLikeBackward()
    {
        FullyConnected layer = PaperLayer();
        Expect.Throws<InvalidOperationException>(() => layer.BackwardPropagation(Tensor.Row(1, 2, 3), 0.1),
            "FullyConnected.BackwardPropagation: Forward has not been called yet");
        layer.Forward(Tensor.Row(1, 2));
        Expect.Throws<ArgumentException>(() => layer.BackwardPropagation(Tensor.Row(1, 2), 0.1),
            "FullyConnected.BackwardPropagation: outputError is 1×2 but the layer gives 1×3");
        Assert.Throws<ArgumentNullException>(() => layer.BackwardPropagation(null!, 0.1));
        Expect.Close([1, 2, 3, 4, 5, 6], layer.Weights, 0);
    }

    [Fact]
    public void Backward_BeforeForward_Throws()
    {
        Expect.Throws<InvalidOperationException>(() => PaperLayer().Backward(Tensor.Row(1, 2, 3)),
            "FullyConnected.Backward: Forward has not been called yet");
    }

    [Theory]
    [InlineData(0, 3, "inputSize")]
    [InlineData(2, 0, "outputSize")]
    [InlineData(-1, 3, "inputSize")]
    public void Constructor_SizeBelowOne_Throws(int inputSize, int outputSize, string parameter)
    {
        var exception = Expect.Throws<ArgumentOutOfRangeException>(
            () => new FullyConnected(inputSize, outputSize, new Rng(1)), "FullyConnected: " + parameter + " must be at least 1");
        Assert.Equal(parameter, exception.ParamName);
    }

    [Fact]
    public void Constructor_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => new FullyConnected(2, 3, null!));
        Assert.Throws<ArgumentNullException>(() => new FullyConnected(null!, Tensor.Row(1)));
        Assert.Throws<ArgumentNullException>(() => new FullyConnected(new Tensor(new Shape(2, 1)), null!));
    }

    [Fact]
    public void Constructor_BiasNotOneByJ_MessageNamesBothShapes()
    {
        Expect.Throws<ArgumentException>(() => new FullyConnected(new Tensor(new Shape(2, 3)), Tensor.Row(1, 2)),
            "FullyConnected: bias is 1×2 but 1×3 is required");
    }

    [Fact]
    public void Constructor_WeightsNotTwoAxes_Throws()
    {
        Expect.Throws<ArgumentException>(() => new FullyConnected(new Tensor(new Shape(2, 3, 1)), Tensor.Row(1, 2, 3)),
            "FullyConnected: weights are 2×3×1 but must be i×j");
    }

    [Fact]
    public void Constructor_GivenTensors_AreCopied()
    {
        var weights = new Tensor(new Shape(1, 1), [2]);
        var layer = new FullyConnected(weights, Tensor.Row(3));
        weights.Span[0] = 7;
        Assert.Equal(2, layer.Weights.Span[0]);
        Assert.Equal(new Shape(1, 1), layer.InputShape);
        Assert.Equal(new Shape(1, 1), layer.OutputShape);
    }

    [Fact]
    public void Constructor_SameSeed_GivesBitIdenticalWeightsAndBias()
    {
        var a = new FullyConnected(5, 4, new Rng(7));
        var b = new FullyConnected(5, 4, new Rng(7));
        Expect.Bitwise(a.Weights, b.Weights);
        Expect.Bitwise(a.Bias, b.Bias);
        Assert.False(a.Weights.BitwiseEquals(new FullyConnected(5, 4, new Rng(8)).Weights));
    }

    [Fact]
    public void Constructor_Random_DrawsWeightsRowMajorThenBiasAsUniformMinusHalf()
    {
        var layer = new FullyConnected(2, 3, new Rng(11));
        var random = new Rng(11);
        foreach (double w in layer.Weights.Span) Assert.Equal(random.NextDouble() - 0.5, w);
        foreach (double b in layer.Bias.Span) Assert.Equal(random.NextDouble() - 0.5, b);
    }

    [Fact]
    public void Parameters_AreWeightsThenBias_WithTheirErrors()
    {
        FullyConnected layer = PaperLayer();
        Assert.Equal(["weights", "bias"], [layer.Parameters[0].Name, layer.Parameters[1].Name]);
        Assert.Same(layer.Weights, layer.Parameters[0].Value);
        Assert.Same(layer.BiasError, layer.Parameters[1].Error);
    }

    [SeededProperty(MaxTest = 100)]
    public Property Backward_AllErrors_MatchRichardsonDifferences(FullyConnectedCase c)
    {
        GradientCheckReport report = GradientChecker.CheckLayer(c.Layer(), c.Input(), c.Seed);
        WorstErrors.Record("FullyConnected through random upstream", report);
        return report.Passed.Label(report.ToString());
    }

    [SeededProperty(MaxTest = 100)]
    public Property Backward_ThroughMeanSquaredError_MatchesRichardsonDifferences(FullyConnectedCase c)
    {
        GradientCheckReport report = GradientChecker.CheckLayer(c.Layer(), c.Input(), MeanSquaredError.Instance, c.Target());
        WorstErrors.Record("FullyConnected through MSE", report);
        return report.Passed.Label(report.ToString());
    }

    [SeededProperty(MaxTest = 100)]
    public Property Backward_InputError_IsTheAdjointOfXTimesW(FullyConnectedCase c)
    {
        FullyConnected layer = c.Layer();
        layer.Bias.Span.Clear();
        AdjointReport report = AdjointTest.ForInput(layer, c.Input(), GradientChecker.RandomUpstream(layer.OutputShape, new Rng(c.Seed)));
        return report.Passed.Label(report.ToString());
    }

    [SeededProperty(MaxTest = 100)]
    public Property Backward_WeightsError_IsTheAdjointOfWMapsToXTimesW(FullyConnectedCase c)
    {
        FullyConnected layer = c.Layer();
        layer.Bias.Span.Clear();
        AdjointReport report = AdjointTest.ForParameter(layer, 0, c.Input(), GradientChecker.RandomUpstream(layer.OutputShape, new Rng(c.Seed)));
        return report.Passed.Label(report.ToString());
    }

    [SeededProperty(MaxTest = 100)]
    public Property Backward_TaylorRemainder_ShrinksAsEpsilonSquared(FullyConnectedCase c)
    {
        TaylorReport report = TaylorTest.Run(Objective.ForLayer(c.Layer(), c.Input(), MeanSquaredError.Instance, c.Target()), c.Seed);
        return report.Passed.Label(report.ToString());
    }

    [SeededProperty(MaxTest = 100)]
    public Property BackwardPropagation_OneStep_EqualsBackwardThenGradientStepBitwise(FullyConnectedCase c)
    {
        FullyConnected literal = c.Layer(), split = c.Layer();
        Tensor upstream = GradientChecker.RandomUpstream(literal.OutputShape, new Rng(c.Seed));
        const double learningRate = 0.37;
        literal.Forward(c.Input());
        Tensor literalInputError = literal.BackwardPropagation(upstream, learningRate).Clone();

        split.Forward(c.Input());
        Tensor splitInputError = split.Backward(upstream).Clone();
        Tensor expectedWeights = split.Weights.Clone(), expectedBias = split.Bias.Clone();
        for (int n = 0; n < expectedWeights.Length; n++) expectedWeights.Span[n] -= learningRate * split.WeightsError.Span[n];
        for (int n = 0; n < expectedBias.Length; n++) expectedBias.Span[n] -= learningRate * split.BiasError.Span[n];

        return (literalInputError.BitwiseEquals(splitInputError)
                && literal.Weights.BitwiseEquals(expectedWeights)
                && literal.WeightsError.BitwiseEquals(split.WeightsError)
                && literal.BiasError.BitwiseEquals(split.BiasError)
                && literal.Bias.BitwiseEquals(expectedBias)).Label(c.ToString());
    }

    [SeededProperty(MaxTest = 50)]
    public Property Backward_ChangesNoParameterAndForwardNoInput(FullyConnectedCase c)
    {
        FullyConnected layer = c.Layer();
        Tensor weights = layer.Weights.Clone(), bias = layer.Bias.Clone(), input = c.Input(), inputCopy = input.Clone();
        layer.Forward(input);
        layer.Backward(GradientChecker.RandomUpstream(layer.OutputShape, new Rng(c.Seed)));
        return (layer.Weights.BitwiseEquals(weights) && layer.Bias.BitwiseEquals(bias) && input.BitwiseEquals(inputCopy))
            .Label(c.ToString());
    }

    // The layer takes the rows of W in pairs, for speed; these properties hold it to the formula summed term by term
    // in the order of i, bit for bit, for even and odd input sizes alike.
    [SeededProperty(MaxTest = 100)]
    public Property Forward_EqualsTheFormulaSummedInTheOrderOfI_BitForBit(FullyConnectedCase c)
    {
        // y_j = (Σ_i x_i·w_ij) + b_j: the sum from zero in the order of i, the bias added last.
        FullyConnected layer = c.Layer();
        Tensor input = c.Input(), expected = new(layer.OutputShape);
        for (int j = 0; j < c.OutputSize; j++)
        {
            double sum = 0;
            for (int i = 0; i < c.InputSize; i++) sum += input[0, i] * layer.Weights[i, j];
            expected[0, j] = sum + layer.Bias[0, j];
        }
        return layer.Forward(input).BitwiseEquals(expected).Label(c.ToString());
    }

    [SeededProperty(MaxTest = 100)]
    public Property BackwardPropagation_InputError_EqualsTheFormulaSummedInTheOrderOfJ_BitForBit(FullyConnectedCase c)
    {
        FullyConnected layer = c.Layer();
        Tensor weights = layer.Weights.Clone(), outputError = GradientChecker.RandomUpstream(layer.OutputShape, new Rng(c.Seed));
        Tensor expected = new(layer.InputShape);
        for (int i = 0; i < c.InputSize; i++)
        {
            double sum = 0;
            for (int j = 0; j < c.OutputSize; j++) sum += outputError[0, j] * weights[i, j];
            expected[0, i] = sum;
        }
        layer.Forward(c.Input());
        return layer.BackwardPropagation(outputError, 0.37).BitwiseEquals(expected).Label(c.ToString());
    }

    [SeededProperty(MaxTest = 50)]
    public Property ForwardAndBackward_NothingCarriesOverFromAnEarlierSample(FullyConnectedCase c) =>
        LayerContract.NoStateCarriesOver(() => c.Layer(), c.Input(), c.Seed);
}
