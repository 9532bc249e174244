using System;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using ReferenceNN.Activations;
using ReferenceNN.FastKernels;
using ReferenceNN.Layers;
using ReferenceNN.Verification.Support;
using Xunit;
using Xunit.Abstractions;
using E = ReferenceNN.Elementary;
using FS = ReferenceNN.Formulas.Sigmoid;
using FT = ReferenceNN.Formulas.Tanh;

namespace ReferenceNN.Verification.FastKernels;

/// <summary>
/// The activation layer's fast kernels for tanh and the sigmoid against the literal formulas
/// (<see cref="ReferenceNN.Formulas.Tanh"/>, <see cref="ReferenceNN.Formulas.Sigmoid"/>, and ∂E/∂x = f′(x)·∂E/∂y as the layer's BackwardCore
/// computes it), bit for bit at every vector width, on spans of every length up to five vectors and inputs that reach
/// every branch: the neural-network ranges, the tails, special values, and inputs whose exponential is a published
/// hard-to-round case; and through the layer itself, for every activation.
/// </summary>
public class ActivationKernelsTests
{
    private const int SweepCount = 1 << 20;

    private readonly ITestOutputHelper _output;

    public ActivationKernelsTests(ITestOutputHelper output) => _output = output;

    /// <summary>A span of <paramref name="Length"/> inputs and upstream errors drawn from two seeds.</summary>
    public sealed record SpanCase(int Length, int InputSeed, int ErrorSeed)
    {
        public double[] Inputs() => ActivationInputs(Length, new Rng(InputSeed));

        public double[] OutputError() => WideValues.Tensor(new Shape(1, Math.Max(Length, 1)), new Rng(ErrorSeed)).Span[..Length].ToArray();

        public static Arbitrary<SpanCase> Arbitrary() =>
            (from length in Gen.Choose(0, 40)
             from seeds in Gen.Choose(0, int.MaxValue).ArrayOf(2)
             select new SpanCase(length, seeds[0], seeds[1])).ToArbitrary();
    }

    public static class Cases
    {
        public static Arbitrary<SpanCase> SpanCase() => ActivationKernelsTests.SpanCase.Arbitrary();
    }

    [SeededProperty(MaxTest = 500, Arbitrary = [typeof(Cases)])]
    public bool TanhForward_IsTheLiteralTanh_BitForBit_AtEveryVectorWidth(SpanCase c) =>
        ForwardAgrees(c.Inputs(), FT.Function, ActivationKernels.TanhForward);

    [SeededProperty(MaxTest = 500, Arbitrary = [typeof(Cases)])]
    public bool TanhBackward_IsTheLiteralDerivativeTimesTheOutputError_BitForBit_AtEveryVectorWidth(SpanCase c) =>
        BackwardAgrees(c.Inputs(), c.OutputError(), FT.Derivative, ActivationKernels.TanhBackward);

    [SeededProperty(MaxTest = 500, Arbitrary = [typeof(Cases)])]
    public bool SigmoidForward_IsTheLiteralSigmoid_BitForBit_AtEveryVectorWidth(SpanCase c) =>
        ForwardAgrees(c.Inputs(), FS.Function, ActivationKernels.SigmoidForward);

    [SeededProperty(MaxTest = 500, Arbitrary = [typeof(Cases)])]
    public bool SigmoidBackward_IsTheLiteralDerivativeTimesTheOutputError_BitForBit_AtEveryVectorWidth(SpanCase c) =>
        BackwardAgrees(c.Inputs(), c.OutputError(), FS.Derivative, ActivationKernels.SigmoidBackward);

    [Fact]
    public void AllFourKernels_OnAMillionValues_AreTheLiteralFormulas_BitForBit_AtEveryVectorWidth()
    {
        var random = new Rng(21);
        double[] x = new double[SweepCount];
        for (int n = 0; n < x.Length; n++)
        {
            x[n] = (n & 3) switch
            {
                0 => 10 * random.NextDouble() - 5,
                1 => 80 * random.NextDouble() - 40,
                2 => 1500 * random.NextDouble() - 750,
                _ => BitConverter.UInt64BitsToDouble(random.NextUInt64()),
            };
        }
        double[] dy = WideValues.Tensor(new Shape(1, SweepCount), new Rng(22)).Span.ToArray();
        Assert.True(ForwardAgrees(x, FT.Function, ActivationKernels.TanhForward), "tanh forward");
        Assert.True(BackwardAgrees(x, dy, FT.Derivative, ActivationKernels.TanhBackward), "tanh backward");
        Assert.True(ForwardAgrees(x, FS.Function, ActivationKernels.SigmoidForward), "sigmoid forward");
        Assert.True(BackwardAgrees(x, dy, FS.Derivative, ActivationKernels.SigmoidBackward), "sigmoid backward");
    }

    [Fact]
    public void TanhBackward_TakesTheLiteralFormula_ExactlyWhereTheVectorExpCannotDecide()
    {
        // x = h/2 for the hard cases h of exp below 0: the derivative's exponential is e^h itself.
        double[] x = KernelInputs.HardCases("exp").Where(h => h < 0).Select(h => h / 2)
            .Concat(KernelInputs.Specials("tanh")).Concat(ActivationInputs(20000, new Rng(23))).ToArray();
        double[] dy = Enumerable.Repeat(1.0, x.Length).ToArray();
        int expected = x.Count(v => ExpUndecided(-(2 * Math.Abs(v))));
        Assert.True(Widths.AtEvery(() =>
        {
            double[] dx = new double[x.Length];
            int fromScalar = ActivationKernels.TanhBackward(x, dy, dx);
            Assert.Equal(VectorWidth.Current == 1 ? x.Length : expected, fromScalar);
            return true;
        }));
        Assert.True(expected >= 50, $"only {expected} lanes need the literal formula");
        _output.WriteLine($"tanh backward: {expected} of {x.Length} lanes from the literal formula");
    }

    [Theory]
    [MemberData(nameof(EveryActivation))]
    public void ActivationLayer_FastKernels_AreItsLiteralFormulas_BitForBit_ForEveryActivation(string name)
    {
        Activation activation = ActivationNamed(name);
        var shape = new Shape(3, 7, 2);
        var input = new Tensor(shape);
        ActivationInputs(shape.Size, new Rng(31)).CopyTo(input.Span);
        Tensor outputError = WideValues.Tensor(shape, new Rng(32));
        Assert.True(Widths.AtEvery(() =>
        {
            var literal = new ActivationLayer(shape, activation);
            var fast = new ActivationLayer(shape, activation);
            Tensor y = literal.Forward(input).Clone(), yFast = fast.ForwardBy(input, Kernels.Fast).Clone();
            Tensor dx = literal.BackwardPropagation(outputError, 0.1).Clone();
            Tensor dxFast = fast.BackwardPropagationBy(outputError, 0.1, Kernels.Fast).Clone();
            return y.BitwiseEquals(yFast) && dx.BitwiseEquals(dxFast);
        }));
    }

    [Fact]
    public void Kernels_RejectSpansOfDifferentLengths()
    {
        Assert.Throws<ArgumentException>(() => ActivationKernels.TanhBackward(new double[3], new double[4], new double[3]));
        Assert.Throws<ArgumentException>(() => ActivationKernels.SigmoidBackward(new double[3], new double[3], new double[4]));
        Assert.Throws<ArgumentException>(() => ActivationKernels.SigmoidForward(new double[3], new double[2]));
    }

    public static TheoryData<string> EveryActivation() => ["tanh", "sigmoid", "relu", "leaky-relu", "softplus"];

    private static Activation ActivationNamed(string name) => name switch
    {
        "tanh" => Tanh.Instance,
        "sigmoid" => Sigmoid.Instance,
        "relu" => ReLU.Instance,
        "leaky-relu" => new LeakyReLU(),
        _ => Softplus.Instance,
    };

    /// <summary>
    /// Inputs for the activations: the families of <see cref="KernelInputs"/> for tanh and for exp, and ±h and ±h/2 for
    /// the hard cases h of exp, so that the exponentials of both derivatives and of the sigmoid meet them.
    /// </summary>
    private static double[] ActivationInputs(int count, Rng random)
    {
        var values = new double[count];
        double[] hard = KernelInputs.HardCases("exp");
        for (int n = 0; n < count; n++)
        {
            values[n] = random.Next(4) switch
            {
                0 => KernelInputs.Draw(random, "tanh"),
                1 => KernelInputs.Draw(random, "exp"),
                2 => (random.Next(2) == 0 ? 0.5 : 1) * (random.Next(2) == 0 ? -1 : 1) * hard[random.Next(hard.Length)],
                _ => 10 * random.NextDouble() - 5,
            };
        }
        return values;
    }

    private static bool ExpUndecided(double t) =>
        !(Math.Abs(t) >= ElementaryKernels.ExpTiny && t >= ElementaryKernels.ExpLow && t <= ElementaryKernels.ExpHigh) || !E.ExpFast(t, out _);

    private delegate int Forward(ReadOnlySpan<double> x, Span<double> y);

    private delegate int Backward(ReadOnlySpan<double> x, ReadOnlySpan<double> dy, Span<double> dx);

    private static bool ForwardAgrees(double[] x, Func<double, double> f, Forward kernel)
    {
        double[] expected = x.Select(f).ToArray();
        return Widths.AtEvery(() =>
        {
            double[] y = KernelInputs.Garbage(x.Length);
            kernel(x, y);
            return KernelInputs.SameBits(expected, y);
        });
    }

    private static bool BackwardAgrees(double[] x, double[] dy, Func<double, double> derivative, Backward kernel)
    {
        // As ActivationLayer.BackwardCore: dx_n = f′(x_n)·dy_n.
        double[] expected = x.Select((v, n) => derivative(v) * dy[n]).ToArray();
        return Widths.AtEvery(() =>
        {
            double[] dx = KernelInputs.Garbage(x.Length);
            kernel(x, dy, dx);
            return KernelInputs.SameBits(expected, dx);
        });
    }
}
