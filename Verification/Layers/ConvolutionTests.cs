using System;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ReferenceNN.Checking;
using ReferenceNN.Layers;
using ReferenceNN.Losses;
using ReferenceNN.Networks;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Layers;

public class ConvolutionTests
{
    // A 3×3×1 input, a 2×2 kernel, one output channel, bias 0.5: numbers to check on paper.
    private static Convolution PaperLayer() => new(new Shape(3, 3, 1),
        new Tensor(new Shape(2, 2, 1, 1), [1, 0, -1, 2]), new Tensor(new Shape(1), [0.5]));

    private static Tensor PaperInput() => new(new Shape(3, 3, 1), [1, 2, 3, 4, 5, 6, 7, 8, 9]);

    [Fact]
    public void Forward_HandComputedCase_IsValidCrossCorrelationPlusBiasOnce()
    {
        // y[p,q] = 0.5 + x[p,q]·1 + x[p,q+1]·0 + x[p+1,q]·(−1) + x[p+1,q+1]·2
        // y[0,0] = 0.5 + 1 − 4 + 10 = 7.5; y[0,1] = 0.5 + 2 − 5 + 12 = 9.5; y[1,0] = 0.5 + 4 − 7 + 16 = 13.5; y[1,1] = 0.5 + 5 − 8 + 18 = 15.5
        Tensor output = PaperLayer().Forward(PaperInput());
        Assert.Equal(new Shape(2, 2, 1), output.Shape);
        Expect.Close([7.5, 9.5, 13.5, 15.5], output, 0);
    }

    [Fact]
    public void Backward_HandComputedCase_GivesCorrelationFullConvolutionAndSum()
    {
        Convolution layer = PaperLayer();
        layer.Forward(PaperInput());
        // ∂E/∂Y = [[1, 0], [0, −1]]
        Tensor inputError = layer.Backward(new Tensor(new Shape(2, 2, 1), [1, 0, 0, -1]));
        // ∂E/∂B = Σ ∂E/∂Y = 0
        Expect.Close([0], layer.BiasError, 0);
        // ∂E/∂K[a,b] = Σ x[p+a,q+b]·∂E/∂Y[p,q] = x[a,b] − x[a+1,b+1]: [1−5, 2−6, 4−8, 5−9]
        Expect.Close([-4, -4, -4, -4], layer.WeightsError, 0);
        // ∂E/∂X = ∂E/∂Y ∗ K (full): ∂E/∂x[r,s] = Σ_ab ∂E/∂y[r−a,s−b]·K[a,b]
        // = K placed at (0,0) times 1, plus K placed at (1,1) times −1:
        // [[1, 0, 0], [−1, 2−1, 0], [0, 1, −2]]
        Expect.Close([1, 0, 0, -1, 1, 0, 0, 1, -2], inputError, 0);
    }

    /// <summary>A 1×1 convolution with weight 1 and bias 0 (the identity on 3×3×1) followed by the paper layer, through MSE.</summary>
    private static (Network Network, Convolution Identity, Convolution Paper) PaperNetwork(Kernels kernels)
    {
        var identity = new Convolution(new Shape(3, 3, 1), new Tensor(new Shape(1, 1, 1, 1), [1]), new Tensor(new Shape(1), [0]));
        Convolution paper = PaperLayer();
        var network = new Network { Kernels = kernels };
        network.Add(identity);
        network.Add(paper);
        network.Use(MeanSquaredError.Instance);
        return (network, identity, paper);
    }

    private static Tensor PaperTarget() => new(new Shape(2, 2, 1), [5.5, 9.5, 13.5, 17.5]);

    [Theory]
    [InlineData(Kernels.Literal)]
    [InlineData(Kernels.Fast)]
    public void TrainSample_AsTheSecondLayer_StepsByTheHandComputedErrors_WithEitherKernels(Kernels kernels)
    {
        (Network network, Convolution identity, Convolution paper) = PaperNetwork(kernels);
        // Y = [7.5, 9.5, 13.5, 15.5] (Forward_HandComputedCase); the target makes ∂E/∂Y = 2(Y − T)/4 = [1, 0, 0, −1], the
        // upstream of Backward_HandComputedCase, and E = (2² + 0 + 0 + 2²)/4 = 2.
        Expect.Close([7.5, 9.5, 13.5, 15.5], network.Predict([PaperInput()])[0], 0);
        Assert.Equal(2, network.TrainSample(PaperInput(), PaperTarget(), 0.5));
        // The paper layer: ∂E/∂K = [−4, −4, −4, −4], ∂E/∂B = 0; K ← K − 0.5·∂E/∂K.
        Expect.Close([3, 2, 1, 4], paper.Weights, 0);
        Expect.Close([0.5], paper.Bias, 0);
        // Its ∂E/∂X = [1, 0, 0, −1, 1, 0, 0, 1, −2] is the identity's ∂E/∂Y: ∂E/∂K = Σ x·∂E/∂Y = 1 − 4 + 5 + 8 − 18 = −8,
        // ∂E/∂B = 1 − 1 + 1 + 1 − 2 = 0; so its weight goes from 1 to 1 + 0.5·8 = 5.
        Expect.Close([5], identity.Weights, 0);
        Expect.Close([0], identity.Bias, 0);
    }

    [Fact]
    public void TrainSample_SteadyState_AllocatesNothing_TheFastKernelsScratchIsReused()
    {
        // As NetworkAllocationTests, on a network small enough for the mutation gate: after one warm-up step, at least
        // 4 of 5 windows of 20 steps allocate exactly zero bytes (one window may be charged for a collection elsewhere).
        (Network network, _, _) = PaperNetwork(Kernels.Fast);
        Tensor input = PaperInput(), target = PaperTarget();
        network.SetTraining(true);
        network.TrainSample(input, target, 1e-3);
        var allocated = new long[5];
        for (int window = 0; window < allocated.Length; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int n = 0; n < 20; n++) network.TrainSample(input, target, 1e-3);
            allocated[window] = GC.GetAllocatedBytesForCurrentThread() - before;
        }
        Assert.True(System.Linq.Enumerable.Count(allocated, bytes => bytes == 0) >= 4, $"bytes allocated per window of 20 steps: {string.Join(", ", allocated)}");
    }

    [Fact]
    public void Forward_DepthOnBothSides_SumsInputChannelsPerOutputChannel()
    {
        // 1×1 input with 2 channels [2, 3]; 1×1 kernel, 2 output channels: K[0,0,d,k] = [[1, 10], [100, 1000]]
        var layer = new Convolution(new Shape(1, 1, 2), new Tensor(new Shape(1, 1, 2, 2), [1, 10, 100, 1000]), new Tensor(new Shape(2), [0.5, -0.5]));
        // y_0 = 0.5 + 2·1 + 3·100; y_1 = −0.5 + 2·10 + 3·1000
        Expect.Close([302.5, 3019.5], layer.Forward(new Tensor(new Shape(1, 1, 2), [2, 3])), 0);
    }

    [Fact]
    public void Constructor_ShapesAndDrawOrder()
    {
        var layer = new Convolution(new Shape(5, 4, 2), 3, 2, 3, new Rng(4));
        Assert.Equal(new Shape(3, 3, 3), layer.OutputShape);
        Assert.Equal(new Shape(3, 2, 2, 3), layer.Weights.Shape);
        Assert.Equal(new Shape(3), layer.Bias.Shape);
        var random = new Rng(4);
        foreach (double w in layer.Weights.Span) Assert.Equal(random.NextDouble() - 0.5, w);
        foreach (double b in layer.Bias.Span) Assert.Equal(random.NextDouble() - 0.5, b);
        Assert.Equal(["weights", "bias"], new[] { layer.Parameters[0].Name, layer.Parameters[1].Name });
        Assert.Same(layer.WeightsError, layer.Parameters[0].Error);
        Assert.Same(layer.BiasError, layer.Parameters[1].Error);
    }

    [Fact]
    public void Constructor_BadShapes_MessagesNameBothShapes()
    {
        Expect.Throws<ArgumentException>(() => new Convolution(new Shape(1, 9), 3, 3, 1, new Rng(1)), "Convolution: the input shape is 1×9 but must be i×j×d");
        Expect.Throws<ArgumentException>(() => new Convolution(new Shape(2, 5, 1), 3, 3, 1, new Rng(1)), "Convolution: the kernel 3×3 is larger than the input 2×5×1");
        Expect.Throws<ArgumentException>(() => new Convolution(new Shape(5, 2, 1), 3, 3, 1, new Rng(1)), "the kernel 3×3 is larger than the input 5×2×1");
        Expect.Throws<ArgumentOutOfRangeException>(() => new Convolution(new Shape(5, 5, 1), 0, 3, 1, new Rng(1)), "Convolution: kernelHeight must be at least 1, not 0");
        Expect.Throws<ArgumentOutOfRangeException>(() => new Convolution(new Shape(5, 5, 1), 3, 0, 1, new Rng(1)), "kernelWidth must be at least 1");
        Expect.Throws<ArgumentOutOfRangeException>(() => new Convolution(new Shape(5, 5, 1), 3, 3, 0, new Rng(1)), "layerDepth must be at least 1");
        Assert.Throws<ArgumentNullException>(() => new Convolution(new Shape(5, 5, 1), 3, 3, 1, null!));
        Expect.Throws<ArgumentException>(() => new Convolution(new Shape(5, 5, 2), new Tensor(new Shape(3, 3, 1, 1)), new Tensor(new Shape(1))),
            "Convolution: weights are 3×3×1×1 but must be m×n×2×k for a 5×5×2 input");
        Expect.Throws<ArgumentException>(() => new Convolution(new Shape(5, 5, 1), new Tensor(new Shape(3, 3, 1)), new Tensor(new Shape(1))),
            "weights are 3×3×1 but must be m×n×1×k");
        Expect.Throws<ArgumentException>(() => new Convolution(new Shape(5, 5, 1), new Tensor(new Shape(6, 3, 1, 1)), new Tensor(new Shape(1))),
            "the kernel 6×3 is larger than the input 5×5×1");
        Expect.Throws<ArgumentException>(() => new Convolution(new Shape(5, 5, 1), new Tensor(new Shape(3, 3, 1, 2)), new Tensor(new Shape(1))),
            "Convolution: bias is 1 but 2 is required");
        Expect.Throws<ArgumentException>(() => new Convolution(new Shape(5, 5), new Tensor(new Shape(3, 3, 1, 2)), new Tensor(new Shape(2))),
            "the input shape is 5×5 but must be i×j×d");
        Assert.Throws<ArgumentNullException>(() => new Convolution(new Shape(5, 5, 1), null!, new Tensor(new Shape(1))));
        Assert.Throws<ArgumentNullException>(() => new Convolution(new Shape(5, 5, 1), new Tensor(new Shape(3, 3, 1, 1)), null!));
    }

    [Fact]
    public void Forward_WrongInputShape_MessageNamesBothShapes()
    {
        Expect.Throws<ArgumentException>(() => PaperLayer().Forward(new Tensor(new Shape(3, 3, 2))),
            "Convolution.Forward: input is 3×3×2 but the layer takes 3×3×1");
    }

    [Fact]
    public void KernelAsLargeAsInput_GivesOneByOneOutput()
    {
        var layer = new Convolution(new Shape(3, 2, 2), 3, 2, 2, new Rng(2));
        Assert.Equal(new Shape(1, 1, 2), layer.OutputShape);
        Expect.Passed(ReferenceNN.Checking.GradientChecker.CheckLayer(layer, RandomTensor.Uniform(layer.InputShape, new Rng(3)), 5));
    }

    [SeededProperty(MaxTest = 100)]
    public Property Backward_AllErrors_MatchRichardsonDifferences(ConvolutionCase c) =>
        LayerContract.GradientsMatch("Convolution through random upstream", c.Layer(), c.Input(), c.Seed);

    [SeededProperty(MaxTest = 100)]
    public Property Backward_InputError_IsTheAdjointOfXMapsToConvolution(ConvolutionCase c)
    {
        Convolution layer = c.Layer();
        layer.Bias.Span.Clear();
        return LayerContract.InputAdjointHolds(layer, c.Input(), c.Seed);
    }

    [SeededProperty(MaxTest = 100)]
    public Property Backward_WeightsError_IsTheAdjointOfKMapsToConvolution(ConvolutionCase c)
    {
        Convolution layer = c.Layer();
        layer.Bias.Span.Clear();
        return LayerContract.ParameterAdjointHolds(layer, 0, c.Input(), c.Seed);
    }

    [SeededProperty(MaxTest = 100)]
    public Property Backward_TaylorRemainder_ShrinksAsEpsilonSquared(ConvolutionCase c) =>
        LayerContract.TaylorHolds(c.Layer(), c.Input(), c.Seed);

    [SeededProperty(MaxTest = 50)]
    public Property BackwardPropagation_IsBackwardThenStep_AndNothingElseChanges(ConvolutionCase c) =>
        LayerContract.StepInvariantsHold(c.Layer, c.Input(), c.Seed);

    // The layer accumulates one kernel element at a time, for long inner loops; these two properties hold it to the
    // formula summed term by term in the order it is written, bit for bit, so the reordering cannot change a result.
    [SeededProperty(MaxTest = 100)]
    public Property Forward_EqualsTheFormulaSummedChannelByChannel_BitForBit(ConvolutionCase c)
    {
        // Y_k = Σ_d (X_d ⋆ K_{d,k}) + B_k: each correlation summed from zero over a, b; the channels added in the order
        // of d to a running sum that starts at zero; the bias added last.
        Convolution layer = c.Layer();
        Tensor input = c.Input(), expected = new(layer.OutputShape);
        int outHeight = layer.OutputShape[0], outWidth = layer.OutputShape[1];
        for (int p = 0; p < outHeight; p++)
        for (int q = 0; q < outWidth; q++)
        for (int k = 0; k < c.LayerDepth; k++)
        {
            double y = 0;
            for (int d = 0; d < c.Depth; d++)
            {
                double correlation = 0;
                for (int a = 0; a < c.KernelHeight; a++)
                for (int b = 0; b < c.KernelWidth; b++)
                {
                    correlation += input[p + a, q + b, d] * layer.Weights[a, b, d, k];
                }
                y += correlation;
            }
            expected[p, q, k] = y + layer.Bias.Span[k];
        }
        return layer.Forward(input).BitwiseEquals(expected).Label(c.ToString());
    }

    [SeededProperty(MaxTest = 100)]
    public Property Backward_InputError_EqualsTheFullConvolutionsSummedChannelByChannel_BitForBit(ConvolutionCase c)
    {
        // ∂E/∂X_d = Σ_k (∂E/∂Y_k ∗ K_{d,k}): each convolution summed from zero over a, b (terms inside ∂E/∂Y only); the
        // output channels added in the order of k to a running sum that starts at zero.
        Convolution layer = c.Layer();
        layer.Forward(c.Input());
        Tensor outputError = GradientChecker.RandomUpstream(layer.OutputShape, new Rng(c.Seed)), expected = new(layer.InputShape);
        int outHeight = layer.OutputShape[0], outWidth = layer.OutputShape[1];
        for (int r = 0; r < c.Height; r++)
        for (int s = 0; s < c.Width; s++)
        for (int d = 0; d < c.Depth; d++)
        {
            double dx = 0;
            for (int k = 0; k < c.LayerDepth; k++)
            {
                double convolution = 0;
                for (int a = 0; a < c.KernelHeight; a++)
                for (int b = 0; b < c.KernelWidth; b++)
                {
                    bool insideY = r - a >= 0 && r - a < outHeight && s - b >= 0 && s - b < outWidth;
                    if (insideY) convolution += outputError[r - a, s - b, k] * layer.Weights[a, b, d, k];
                }
                dx += convolution;
            }
            expected[r, s, d] = dx;
        }
        return layer.Backward(outputError).BitwiseEquals(expected).Label(c.ToString());
    }

    [SeededProperty(MaxTest = 50)]
    public Property ForwardAndBackward_NothingCarriesOverFromAnEarlierSample(ConvolutionCase c) =>
        LayerContract.NoStateCarriesOver(c.Layer, c.Input(), c.Seed);
}
