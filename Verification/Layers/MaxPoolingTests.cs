using System;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ReferenceNN.Checking;
using ReferenceNN.Layers;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Layers;

public class MaxPoolingTests
{
    [Fact]
    public void Forward_HandComputedCase_TakesEachWindowsMaximumPerChannel()
    {
        // 4×4×1 input, 2×2 windows, stride 2
        var input = new Tensor(new Shape(4, 4, 1), [1, 5, 2, 0, 3, 4, 8, 1, 0, 0, 9, 9, 7, 1, 2, 3]);
        var layer = new MaxPooling(input.Shape, 2, 2);
        Expect.Close([5, 8, 7, 9], layer.Forward(input), 0);
        Assert.Equal((2, 2, 2, 2), (layer.PoolHeight, layer.PoolWidth, layer.StrideHeight, layer.StrideWidth));
    }

    [Fact]
    public void Backward_RoutesEachErrorToItsWindowsMaximum()
    {
        var input = new Tensor(new Shape(4, 4, 1), [1, 5, 2, 0, 3, 4, 8, 1, 0, 0, 9, 9, 7, 1, 2, 3]);
        var layer = new MaxPooling(input.Shape, 2, 2);
        layer.Forward(input);
        Tensor inputError = layer.Backward(new Tensor(new Shape(2, 2, 1), [10, 20, 30, 40]));
        // maxima at (0,1), (1,2), (3,0) and the tie 9, 9 at (2,2), (2,3): the first in row-major order gets it
        Expect.Close([0, 10, 0, 0, 0, 0, 20, 0, 0, 0, 40, 0, 30, 0, 0, 0], inputError, 0);
    }

    [Fact]
    public void Backward_Tie_GoesToTheFirstMaximumInRowMajorOrder()
    {
        var layer = new MaxPooling(new Shape(2, 2, 1), 2, 2);
        layer.Forward(new Tensor(new Shape(2, 2, 1), [1, 3, 3, 3]));
        Expect.Close([0, 1, 0, 0], layer.Backward(new Tensor(new Shape(1, 1, 1), [1])), 0);
    }

    [Fact]
    public void Tie_OneSidedDifferencesBracketTheRoutedDerivative()
    {
        // At a tie the output is max(x1, x2) with x1 = x2: raising either raises the output (right derivative 1),
        // lowering one leaves the other as the maximum (left derivative 0). The routed derivatives, 1 for the
        // first maximum and 0 for the second, each lie in [0, 1].
        var layer = new MaxPooling(new Shape(1, 2, 1), 1, 2);
        var input = new Tensor(new Shape(1, 2, 1), [0.5, 0.5]);
        layer.Forward(input);
        Tensor routed = layer.Backward(new Tensor(new Shape(1, 1, 1), [1])).Clone();
        const double h = 1e-6;
        for (int n = 0; n < 2; n++)
        {
            Tensor up = input.Clone(), down = input.Clone();
            up.Span[n] += h;
            down.Span[n] -= h;
            double right = (layer.Forward(up).Span[0] - 0.5) / h;
            double left = (0.5 - layer.Forward(down).Span[0]) / h;
            Assert.Equal(1, right, 6);
            Assert.Equal(0, left, 6);
            Assert.InRange(routed.Span[n], Math.Min(left, right), Math.Max(left, right));
        }
        Assert.Equal([1.0, 0], routed.Span.ToArray());
    }

    [Fact]
    public void OverlappingWindows_SumTheirErrorsAtASharedMaximum()
    {
        // 1×3×1 input [1, 9, 2], windows 1×2 with stride 1: both windows' maximum is the 9
        var layer = new MaxPooling(new Shape(1, 3, 1), 1, 2, 1, 1);
        Expect.Close([9, 9], layer.Forward(new Tensor(new Shape(1, 3, 1), [1, 9, 2])), 0);
        Expect.Close([0, 5, 0], layer.Backward(new Tensor(new Shape(1, 2, 1), [2, 3])), 0);
    }

    [Fact]
    public void OutputShape_IsFloorOfRemainderPlusOne()
    {
        // ⌊(7 − 3)/2⌋ + 1 = 3 rows, ⌊(5 − 2)/3⌋ + 1 = 2 columns: pooling with remainder
        Assert.Equal(new Shape(3, 2, 4), new MaxPooling(new Shape(7, 5, 4), 3, 2, 2, 3).OutputShape);
        Assert.Equal(new Shape(2, 2, 1), new MaxPooling(new Shape(5, 5, 1), 2, 2).OutputShape);
    }

    [Fact]
    public void Constructor_BadArguments_ClearMessages()
    {
        Expect.Throws<ArgumentException>(() => new MaxPooling(new Shape(2, 5, 1), 3, 2), "MaxPooling: the window 3×2 is larger than the input 2×5×1");
        Expect.Throws<ArgumentException>(() => new MaxPooling(new Shape(5, 2, 1), 2, 3), "the window 2×3 is larger than the input 5×2×1");
        Expect.Throws<ArgumentException>(() => new MaxPooling(new Shape(1, 4), 1, 2), "MaxPooling: the input shape is 1×4 but must be i×j×d");
        Expect.Throws<ArgumentOutOfRangeException>(() => new MaxPooling(new Shape(4, 4, 1), 0, 2), "poolHeight must be at least 1, not 0");
        Expect.Throws<ArgumentOutOfRangeException>(() => new MaxPooling(new Shape(4, 4, 1), 2, 0), "poolWidth must be at least 1");
        Expect.Throws<ArgumentOutOfRangeException>(() => new MaxPooling(new Shape(4, 4, 1), 2, 2, 0), "strideHeight must be at least 1");
        Expect.Throws<ArgumentOutOfRangeException>(() => new MaxPooling(new Shape(4, 4, 1), 2, 2, 1, -1), "strideWidth must be at least 1, not -1");
    }

    [SeededProperty(MaxTest = 100)]
    public Property Backward_AwayFromTies_MatchesRichardsonDifferences(MaxPoolingCase c) =>
        LayerContract.GradientsMatch("MaxPooling through random upstream", c.Layer(), c.Input(), c.Seed);

    [SeededProperty(MaxTest = 100)]
    public Property Backward_AwayFromTies_IsTheAdjointOfTheSelection(MaxPoolingCase c) =>
        LayerContract.InputAdjointHolds(c.Layer(), c.Input(), c.Seed);

    [SeededProperty(MaxTest = 100)]
    public Property Backward_AwayFromTies_TaylorRemainderShrinksAsEpsilonSquared(MaxPoolingCase c) =>
        LayerContract.TaylorHolds(c.Layer(), c.Input(), c.Seed);

    [SeededProperty(MaxTest = 50)]
    public Property BackwardPropagation_IsBackward_AndForwardKeepsItsInput(MaxPoolingCase c) =>
        LayerContract.StepInvariantsHold(c.Layer, c.Input(), c.Seed);

    [SeededProperty(MaxTest = 50)]
    public Property ForwardAndBackward_NothingCarriesOverFromAnEarlierSample(MaxPoolingCase c) =>
        LayerContract.NoStateCarriesOver(c.Layer, c.Input(), c.Seed);

    [Fact]
    public void Forward_ANaNInTheWindow_Wins_AsInPyTorch()
    {
        // PyTorch's max_pool2d takes NaN as the maximum (the last NaN of the window) and routes the gradient there.
        var layer = new MaxPooling(new Shape(1, 4, 1), 1, 4);
        Tensor y = layer.Forward(new Tensor(new Shape(1, 4, 1), [1, double.NaN, 3, double.NaN]));
        Assert.True(double.IsNaN(y.Span[0]));
        Expect.Bitwise(new Tensor(new Shape(1, 4, 1), [0, 0, 0, 5]), layer.Backward(new Tensor(new Shape(1, 1, 1), [5])));
        // A NaN first and a larger number later: still NaN.
        Assert.True(double.IsNaN(layer.Forward(new Tensor(new Shape(1, 4, 1), [double.NaN, 1, 2, double.PositiveInfinity])).Span[0]));
        // A tie goes to the first maximum.
        layer.Forward(new Tensor(new Shape(1, 4, 1), [2, 5, 5, 1]));
        Expect.Bitwise(new Tensor(new Shape(1, 4, 1), [0, 5, 0, 0]), layer.Backward(new Tensor(new Shape(1, 1, 1), [5])));
    }
}
