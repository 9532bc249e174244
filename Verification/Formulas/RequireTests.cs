using System;
using ReferenceNN.Formulas;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Formulas;

/// <summary>
/// The public formulas check their arguments: a length that does not fit throws an ArgumentException naming the
/// operation, the argument and both sizes; checking allocates nothing when the arguments are right.
/// </summary>
public class RequireTests
{
    private static double[] A(int n) => new double[n];

    [Fact]
    public void FullyConnected_WrongLengths_NameTheOperationAndBothSizes()
    {
        Expect.Throws<ArgumentException>(() => FullyConnected.Forward<double>(A(2), A(5), A(3), A(3)),
            "FullyConnected.Forward: weights has 5 elements but a 2×3 W needs 6");
        Expect.Throws<ArgumentException>(() => FullyConnected.Forward<double>(A(2), A(6), A(2), A(3)),
            "FullyConnected.Forward: bias has 2 elements but a 1×3 B needs 3");
        Expect.Throws<ArgumentException>(() => FullyConnected.InputError<double>(A(3), A(5), A(2)),
            "FullyConnected.InputError: weights has 5 elements but a 2×3 W needs 6");
        Expect.Throws<ArgumentException>(() => FullyConnected.WeightsError<double>(A(2), A(3), A(5)),
            "FullyConnected.WeightsError: weightsError has 5 elements but a 2×3 ∂E/∂W needs 6");
        Expect.Throws<ArgumentException>(() => FullyConnected.BiasError<double>(A(3), A(2)),
            "FullyConnected.BiasError: biasError has 2 elements but ∂E/∂Y needs 3");
        Expect.Throws<ArgumentException>(() => GradientDescent.Step<double>(A(3), A(2), 0.1),
            "GradientDescent.Step: error has 2 elements but the parameter needs 3");
    }

    [Fact]
    public void Convolution_ShapesThatDoNotFit_AreRefusedWithBothShapes()
    {
        Shape input = new(4, 4, 2), weights = new(3, 3, 2, 5);
        Expect.Throws<ArgumentException>(() => Convolution.Forward<double>(A(32), input, A(90), new Shape(3, 3, 1, 5), A(5), A(20)),
            "Convolution.Forward: weights 3×3×1×5 do not fit an input 4×4×2");
        Expect.Throws<ArgumentException>(() => Convolution.Forward<double>(A(32), new Shape(4, 8), A(90), weights, A(5), A(20)),
            "do not fit an input 4×8");
        Expect.Throws<ArgumentException>(() => Convolution.Forward<double>(A(32), input, A(90), new Shape(5, 3, 2, 5), A(5), A(20)),
            "do not fit");
        Expect.Throws<ArgumentException>(() => Convolution.Forward<double>(A(31), input, A(90), weights, A(5), A(20)),
            "Convolution.Forward: input has 31 elements but an input 4×4×2 needs 32");
        Expect.Throws<ArgumentException>(() => Convolution.Forward<double>(A(32), input, A(89), weights, A(5), A(20)),
            "weights has 89 elements but weights 3×3×2×5 needs 90");
        Expect.Throws<ArgumentException>(() => Convolution.Forward<double>(A(32), input, A(90), weights, A(4), A(20)),
            "bias has 4 elements but 5 output channels needs 5");
        Expect.Throws<ArgumentException>(() => Convolution.Forward<double>(A(32), input, A(90), weights, A(5), A(19)),
            "output has 19 elements but an output 2×2×5 needs 20");
        Expect.Throws<ArgumentException>(() => Convolution.WeightsError<double>(A(32), input, A(19), weights, A(90)),
            "Convolution.WeightsError: outputError has 19 elements but ∂E/∂Y 2×2×5 needs 20");
        Expect.Throws<ArgumentException>(() => Convolution.InputError<double>(A(20), A(90), weights, input, A(31)),
            "Convolution.InputError: inputError has 31 elements but ∂E/∂X 4×4×2 needs 32");
        Expect.Throws<ArgumentException>(() => Convolution.BiasError<double>(A(19), 2, 2, A(5)),
            "Convolution.BiasError: outputError has 19 elements but ∂E/∂Y 2×2×5 needs 20");
        Expect.Throws<ArgumentOutOfRangeException>(() => Convolution.BiasError<double>(A(0), 0, 2, A(5)),
            "Convolution.BiasError: outputHeight must be at least 1, not 0");
    }

    [Fact]
    public void SignalHelpers_AnOutputOfTheWrongSize_IsRefused()
    {
        Expect.Throws<ArgumentException>(() => Convolution.CorrelateValid(new ReadOnlyPlane<double>(A(16), 4, 4, 1, 0),
            new ReadOnlyPlane<double>(A(9), 3, 3, 1, 0), new Plane<double>(A(9), 3, 3, 1, 0)),
            "Convolution.CorrelateValid: the output is 3×3 but the operands give 2×2");
        Expect.Throws<ArgumentException>(() => Convolution.ConvolveFull(new ReadOnlyPlane<double>(A(4), 2, 2, 1, 0),
            new ReadOnlyPlane<double>(A(9), 3, 3, 1, 0), new Plane<double>(A(9), 3, 3, 1, 0)),
            "Convolution.ConvolveFull: the output is 3×3 but the operands give 4×4");
        Expect.Throws<ArgumentException>(() => new Plane<double>(A(10), 3, 3, 1, 0), "Plane: channel 0 of a 3×3×1 tensor does not fit a span of 10 elements");
        Expect.Throws<ArgumentException>(() => new ReadOnlyPlane<double>(A(18), 3, 3, 2, 2), "Plane: channel 2 of a 3×3×2 tensor");
    }

    [Fact]
    public void MaxPooling_BadWindowsAndPositions_AreRefused()
    {
        Expect.Throws<ArgumentException>(() => MaxPooling.OutputShape(new Shape(4, 4), 2, 2, 2, 2), "MaxPooling.OutputShape: the input shape is 4×4 but must be i×j×d");
        Expect.Throws<ArgumentException>(() => MaxPooling.OutputShape(new Shape(2, 4, 1), 3, 2, 1, 1), "the window 3×2 is larger than the input 2×4×1");
        Expect.Throws<ArgumentOutOfRangeException>(() => MaxPooling.OutputShape(new Shape(4, 4, 1), 2, 2, 0, 1), "strideHeight must be at least 1, not 0");
        Assert.Equal(new Shape(2, 1, 3), MaxPooling.OutputShape(new Shape(5, 4, 3), 2, 3, 2, 2));
        Expect.Throws<ArgumentException>(() => MaxPooling.Forward<double>(A(16), new Shape(4, 4, 1), 2, 2, 2, 2, A(3), new int[4]),
            "MaxPooling.Forward: output has 3 elements but an output 2×2×1 needs 4");
        Expect.Throws<ArgumentException>(() => MaxPooling.InputError<double>(A(4), new int[3], A(16)),
            "MaxPooling.InputError: argmax has 3 elements but ∂E/∂Y needs 4");
        Expect.Throws<ArgumentOutOfRangeException>(() => MaxPooling.InputError<double>(A(2), [0, 16], A(16)),
            "MaxPooling.InputError: argmax[1] is 16, outside ∂E/∂X's 16 elements");
    }

    [Fact]
    public void ElementWiseFormulasAndLosses_LengthsThatDiffer_AreRefused()
    {
        Expect.Throws<ArgumentException>(() => Flatten.Forward<double>(A(4), A(3)), "Flatten.Forward: output has 3 elements but the input needs 4");
        Expect.Throws<ArgumentException>(() => Flatten.InputError<double>(A(4), A(3)), "Flatten.InputError: inputError has 3 elements");
        Expect.Throws<ArgumentException>(() => Dropout.Forward<double>(A(4), A(3), 0.5, A(4)), "Dropout.Forward: mask has 3 elements");
        Expect.Throws<ArgumentException>(() => Dropout.InputError<double>(A(4), A(4), 0.5, A(3)), "Dropout.InputError: inputError has 3 elements");
        Expect.Throws<ArgumentException>(() => Softmax.Forward<double>(A(4), A(3)), "Softmax.Forward: output has 3 elements");
        Expect.Throws<ArgumentOutOfRangeException>(() => Softmax.Forward<double>(A(0), A(0)), "Softmax.Forward: input.Length must be at least 1, not 0");
        Expect.Throws<ArgumentException>(() => Softmax.InputError<double>(A(4), A(3), A(4)), "Softmax.InputError: outputError has 3 elements");
        Expect.Throws<ArgumentException>(() => MeanSquaredError.Value<double>(A(3), A(4)), "MeanSquaredError.Value: target has 3 elements but the output needs 4");
        Expect.Throws<ArgumentOutOfRangeException>(() => MeanSquaredError.Value<double>(A(0), A(0)), "MeanSquaredError.Value: output.Length must be at least 1, not 0");
        Expect.Throws<ArgumentException>(() => CrossEntropy.Derivative<double>(A(4), A(4), A(3)), "CrossEntropy.Derivative: outputError has 3 elements but the output needs 4");
        Expect.Throws<ArgumentException>(() => BinaryCrossEntropy.Value<double>(A(2), A(4)), "BinaryCrossEntropy.Value: target has 2 elements");
    }

    /// <summary>Each remaining check with its whole message, so that the operation, the argument and the meaning are all pinned.</summary>
    [Fact]
    public void EveryLengthCheck_ItsWholeMessage()
    {
        Shape input = new(4, 4, 2), weights = new(3, 3, 2, 5);
        Whole<ArgumentException>(() => Convolution.InputError<double>(A(19), A(90), weights, input, A(32)),
            "Convolution.InputError: outputError has 19 elements but ∂E/∂Y 2×2×5 needs 20.");
        Whole<ArgumentException>(() => Convolution.InputError<double>(A(20), A(89), weights, input, A(32)),
            "Convolution.InputError: weights has 89 elements but weights 3×3×2×5 needs 90.");
        Whole<ArgumentException>(() => Convolution.WeightsError<double>(A(31), input, A(20), weights, A(90)),
            "Convolution.WeightsError: input has 31 elements but an input 4×4×2 needs 32.");
        Whole<ArgumentException>(() => Convolution.WeightsError<double>(A(32), input, A(20), weights, A(89)),
            "Convolution.WeightsError: weightsError has 89 elements but ∂E/∂K 3×3×2×5 needs 90.");
        Whole<ArgumentOutOfRangeException>(() => Convolution.BiasError<double>(A(0), 2, 0, A(5)),
            "Convolution.BiasError: outputWidth must be at least 1, not 0.");
        Whole<ArgumentException>(() => MaxPooling.Forward<double>(A(15), new Shape(4, 4, 1), 2, 2, 2, 2, A(4), new int[4]),
            "MaxPooling.Forward: input has 15 elements but an input 4×4×1 needs 16.");
        Whole<ArgumentException>(() => MaxPooling.Forward<double>(A(16), new Shape(4, 4, 1), 2, 2, 2, 2, A(4), new int[3]),
            "MaxPooling.Forward: argmax has 3 elements but an output 2×2×1 needs 4.");
        Whole<ArgumentOutOfRangeException>(() => MaxPooling.OutputShape(new Shape(4, 4, 1), 2, 2, 1, 0),
            "MaxPooling.OutputShape: strideWidth must be at least 1, not 0.");
        Whole<ArgumentException>(() => Dropout.Forward<double>(A(4), A(3), 0.5, A(4)), "Dropout.Forward: mask has 3 elements but the input needs 4.");
        Whole<ArgumentException>(() => Dropout.Forward<double>(A(4), A(4), 0.5, A(3)), "Dropout.Forward: output has 3 elements but the input needs 4.");
        Whole<ArgumentException>(() => Dropout.InputError<double>(A(4), A(3), 0.5, A(4)), "Dropout.InputError: mask has 3 elements but ∂E/∂Y needs 4.");
        Whole<ArgumentException>(() => Dropout.InputError<double>(A(4), A(4), 0.5, A(3)), "Dropout.InputError: inputError has 3 elements but ∂E/∂Y needs 4.");
        Whole<ArgumentException>(() => Flatten.InputError<double>(A(4), A(3)), "Flatten.InputError: inputError has 3 elements but ∂E/∂Y needs 4.");
        Whole<ArgumentException>(() => Softmax.Forward<double>(A(4), A(3)), "Softmax.Forward: output has 3 elements but the input needs 4.");
        Whole<ArgumentException>(() => Softmax.InputError<double>(A(4), A(3), A(4)), "Softmax.InputError: outputError has 3 elements but the output Y needs 4.");
        Whole<ArgumentException>(() => Softmax.InputError<double>(A(4), A(4), A(3)), "Softmax.InputError: inputError has 3 elements but the output Y needs 4.");
        Whole<ArgumentException>(() => MeanSquaredError.Derivative<double>(A(3), A(4), A(4)), "MeanSquaredError.Derivative: target has 3 elements but the output needs 4.");
        Whole<ArgumentException>(() => CrossEntropy.Value<double>(A(3), A(4)), "CrossEntropy.Value: target has 3 elements but the output needs 4.");
        Whole<ArgumentException>(() => BinaryCrossEntropy.Derivative<double>(A(3), A(4), A(4)), "BinaryCrossEntropy.Derivative: target has 3 elements but the output needs 4.");
        var plane = Assert.Throws<ArgumentException>(() => Convolution.CorrelateValid(new ReadOnlyPlane<double>(A(16), 4, 4, 1, 0),
            new ReadOnlyPlane<double>(A(9), 3, 3, 1, 0), new Plane<double>(A(9), 3, 3, 1, 0)));
        Assert.Equal("output", plane.ParamName);

        static void Whole<TException>(Action action, string message) where TException : ArgumentException =>
            Assert.StartsWith(message, Assert.Throws<TException>(action).Message);
    }

    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(1, 0, 1)]
    [InlineData(1, 1, 0)]
    [InlineData(0, 0, 0)]
    public void Plane_AnEmptyDimension_IsRefused_EvenOverAnEmptySpan(int height, int width, int depth)
    {
        // height·width·depth = 0 = the span's length, so only the dimension checks themselves can refuse these.
        Expect.Throws<ArgumentException>(() => new Plane<double>(A(0), height, width, depth, 0), $"Plane: channel 0 of a {height}×{width}×{depth} tensor");
        Expect.Throws<ArgumentException>(() => new ReadOnlyPlane<double>(A(0), height, width, depth, 0), $"Plane: channel 0 of a {height}×{width}×{depth} tensor");
    }

    /// <summary>The formulas that accumulate into their output clear it first: what was in the buffer never shows.</summary>
    [Fact]
    public void AccumulatingFormulas_OverwriteWhateverTheBufferHeld()
    {
        var random = new Rng(Streams.ForRun(nameof(AccumulatingFormulas_OverwriteWhateverTheBufferHeld)).Input);
        Shape input = new(5, 4, 2), weights = new(3, 2, 2, 3);
        double[] x = Random(random, 40), k = Random(random, 36), dy = Random(random, 3 * 3 * 3);
        double[] clean = A(40), dirty = Filled(40);
        Convolution.InputError<double>(dy, k, weights, input, clean);
        Convolution.InputError<double>(dy, k, weights, input, dirty);
        Assert.Equal(clean, dirty);
        double[] cleanK = A(36), dirtyK = Filled(36);
        Convolution.WeightsError<double>(x, input, dy, weights, cleanK);
        Convolution.WeightsError<double>(x, input, dy, weights, dirtyK);
        Assert.Equal(cleanK, dirtyK);
        int[] argmax = new int[4];
        double[] pooled = A(4);
        MaxPooling.Forward<double>(x[..16], new Shape(4, 4, 1), 2, 2, 2, 2, pooled, argmax);
        double[] cleanX = A(16), dirtyX = Filled(16);
        MaxPooling.InputError<double>(dy[..4], argmax, cleanX);
        MaxPooling.InputError<double>(dy[..4], argmax, dirtyX);
        Assert.Equal(cleanX, dirtyX);
        Assert.Contains(0.0, cleanX);

        static double[] Random(Rng random, int n) { var a = new double[n]; for (int i = 0; i < n; i++) a[i] = random.NextDouble() * 2 - 1; return a; }
        static double[] Filled(int n) { var a = new double[n]; Array.Fill(a, 1e300); return a; }
    }

    [Fact]
    public void Checks_OfRightArguments_AllocateNothing()
    {
        double[] x = A(4), w = A(12), b = A(3), y = A(3);
        FullyConnected.Forward<double>(x, w, b, y);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int n = 0; n < 100; n++) FullyConnected.Forward<double>(x, w, b, y);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void SignalHelpers_OneDimensionWrong_IsEnoughToRefuse()
    {
        Expect.Throws<ArgumentException>(() => Convolution.CorrelateValid(new ReadOnlyPlane<double>(A(16), 4, 4, 1, 0),
            new ReadOnlyPlane<double>(A(9), 3, 3, 1, 0), new Plane<double>(A(6), 2, 3, 1, 0)),
            "Convolution.CorrelateValid: the output is 2×3 but the operands give 2×2");
        Expect.Throws<ArgumentException>(() => Convolution.CorrelateValid(new ReadOnlyPlane<double>(A(16), 4, 4, 1, 0),
            new ReadOnlyPlane<double>(A(9), 3, 3, 1, 0), new Plane<double>(A(6), 3, 2, 1, 0)),
            "Convolution.CorrelateValid: the output is 3×2 but the operands give 2×2");
    }

    [Fact]
    public void MaxPooling_Windows_MustBeAtLeastOneByOne_AndMayBeAsLargeAsTheInput()
    {
        Expect.Throws<ArgumentOutOfRangeException>(() => MaxPooling.OutputShape(new Shape(4, 4, 1), 0, 2, 1, 1),
            "MaxPooling.OutputShape: poolHeight must be at least 1, not 0");
        Expect.Throws<ArgumentOutOfRangeException>(() => MaxPooling.OutputShape(new Shape(4, 4, 1), 2, 0, 1, 1),
            "MaxPooling.OutputShape: poolWidth must be at least 1, not 0");
        Assert.Equal(new Shape(2, 1, 3), MaxPooling.OutputShape(new Shape(2, 4, 3), 1, 4, 1, 1));
        Assert.Equal(new Shape(1, 3, 3), MaxPooling.OutputShape(new Shape(2, 4, 3), 2, 2, 1, 1));
        Assert.Equal(new Shape(1, 1, 1), MaxPooling.OutputShape(new Shape(2, 4, 1), 2, 4, 5, 5));
    }

    [Fact]
    public void Convolution_AKernelAsTallOrAsWideAsTheInput_Fits()
    {
        // A valid correlation of equal sizes has one output: 1·1 + 2·1 + 3·1 + 4·1 + 0.5.
        double[] y = A(1);
        Convolution.Forward<double>([1, 2, 3, 4], new Shape(2, 2, 1), [1, 1, 1, 1], new Shape(2, 2, 1, 1), [0.5], y);
        Assert.Equal(10.5, y[0]);
        // As wide as the input only (3×2 input, 1×2 kernel), and as tall only (2×3 input, 2×1 kernel).
        double[] wide = A(3), tall = A(3);
        Convolution.Forward<double>([1, 2, 3, 4, 5, 6], new Shape(3, 2, 1), [1, 1], new Shape(1, 2, 1, 1), [0], wide);
        Assert.Equal([3.0, 7.0, 11.0], wide);
        Convolution.Forward<double>([1, 2, 3, 4, 5, 6], new Shape(2, 3, 1), [1, 1], new Shape(2, 1, 1, 1), [0], tall);
        Assert.Equal([5.0, 7.0, 9.0], tall);
        Expect.Throws<ArgumentException>(() => Convolution.Forward<double>(A(6), new Shape(2, 3, 1), A(4), new Shape(2, 4, 1, 1), A(1), A(0)), "do not fit an input 2×3×1");
        Expect.Throws<ArgumentException>(() => Convolution.Forward<double>(A(6), new Shape(2, 3, 1), A(3), new Shape(3, 1, 1, 1), A(1), A(0)), "do not fit an input 2×3×1");
    }
}
