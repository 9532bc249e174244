using System;
using ReferenceNN.Activations;
using ReferenceNN.Checking;
using ReferenceNN.Layers;
using ReferenceNN.Losses;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Catalogue;

/// <summary>
/// The public checker's tolerance model, |a − r| ≤ rtol·|r| + stol·s + floor with its default options, against the
/// wrong derivatives it must reject at any scale of E (a factor of 2, a flipped sign, 0.1% in one element, a derivative
/// rounded to float32, the article's tanh′ without its square in the tails) and the correct layers it must accept
/// (at scale 1e-9, and in the tails of tanh and sigmoid). The scale is set through the upstream gradient c of
/// E = Σ c ⊙ Y, so every derivative scales with it.
/// </summary>
public class ToleranceModelTests
{
    public static TheoryData<double> Scales() => [1e-9, 1.0, 1e9];

    private static Layer Layer(string kind, int seed) => kind == "conv"
        ? new Convolution(new Shape(5, 5, 2), 3, 3, 2, new Rng(seed))
        : new FullyConnected(6, 4, new Rng(seed));

    private static GradientCheckReport Check(Layer layer, double scale, int seed)
    {
        Tensor input = RandomTensor.Uniform(layer.InputShape, new Rng(seed + 1), -2, 2);
        Tensor upstream = GradientChecker.RandomUpstream(layer.OutputShape, new Rng(seed + 2));
        foreach (ref double c in upstream.Span) c *= scale;
        return GradientChecker.CheckLayer(layer, input, upstream);
    }

    /// <summary>The layer with its weightsError changed by <paramref name="spoil"/> (given the element's index and value).</summary>
    private static WrongLayer Spoiled(string kind, string defect, Func<int, double, double> spoil) =>
        new(Layer(kind, 3), defect, (inner, _, _) =>
        {
            Span<double> dw = inner.Parameters[0].Error.Span;
            for (int n = 0; n < dw.Length; n++) dw[n] = spoil(n, dw[n]);
        });

    public static TheoryData<string, string, double> WrongCases()
    {
        var data = new TheoryData<string, string, double>();
        foreach (string kind in new[] { "dense", "conv" })
        foreach (string defect in new[] { "times two", "flipped sign", "0.1% in one element", "rounded to float32" })
        foreach (double scale in new[] { 1e-9, 1.0, 1e9 })
        {
            data.Add(kind, defect, scale);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(WrongCases))]
    public void Defaults_RejectAWrongWeightsError_AtAnyScale(string kind, string defect, double scale)
    {
        WrongLayer layer = Spoiled(kind, defect, defect switch
        {
            "times two" => (_, v) => 2 * v,
            "flipped sign" => (_, v) => -v,
            "0.1% in one element" => (n, v) => n == 1 ? v * 1.001 : v,
            _ => (_, v) => (float)v,
        });
        GradientCheckReport report = Check(layer, scale, 3);
        Assert.False(report.Passed, report.ToString());
        DerivativeCheck failing = Assert.Single(report.Derivatives, d => !d.Passed);
        Assert.Equal("weightsError", failing.DerivativeName);
        if (defect == "0.1% in one element") Assert.Equal(1, failing.FailureCount);
    }

    [Theory]
    [MemberData(nameof(Scales))]
    public void Defaults_RejectAFloat32RoundedLossDerivative_AtAnyScale(double scale)
    {
        // E = scale·MSE: a loss whose ∂E/∂Y is the correct one rounded to float32.
        Tensor target = RandomTensor.Uniform(new Shape(1, 8), new Rng(1), -1, 1), output = RandomTensor.Uniform(new Shape(1, 8), new Rng(2), -1, 1);
        GradientCheckReport report = GradientChecker.CheckLoss(new ScaledMse(scale, roundToFloat: true), target, output);
        Assert.False(report.Passed, report.ToString());
        Expect.Passed(GradientChecker.CheckLoss(new ScaledMse(scale, roundToFloat: false), target, output));
    }

    [Theory]
    [InlineData("dense")]
    [InlineData("conv")]
    public void Defaults_AcceptTheCorrectLayers_AtEveryScale(string kind)
    {
        foreach (double scale in new[] { 1e-9, 1.0, 1e9 })
        {
            Expect.Passed(Check(Layer(kind, 3), scale, 3));
        }
    }

    [Theory]
    [InlineData("tanh", 5.0, 15.0)]
    [InlineData("tanh", -15.0, -5.0)]
    [InlineData("tanh", 30.0, 40.0)]
    [InlineData("sigmoid", 20.0, 35.0)]
    [InlineData("sigmoid", -35.0, -20.0)]
    [InlineData("sigmoid", 38.0, 40.0)]
    public void Defaults_AcceptTanhAndSigmoid_InTheirTails(string function, double low, double high)
    {
        Activation activation = function == "tanh" ? Tanh.Instance : Sigmoid.Instance;
        var layer = new ActivationLayer(new Shape(1, 6), activation);
        Tensor input = RandomTensor.Uniform(layer.InputShape, new Rng(5), low, high);
        Expect.Passed(GradientChecker.CheckLayer(layer, input, 9));
    }

    [Fact]
    public void Defaults_RejectTheArticlesTanhPrimeWithoutItsSquare_InTheTails()
    {
        // 1 − tanh x against the true 1 − tanh²x = (1 − tanh x)(1 + tanh x): off by a factor near 2 in the right tail.
        var layer = new ActivationLayer(new Shape(1, 6), new TanhWithoutSquare());
        Tensor input = RandomTensor.Uniform(layer.InputShape, new Rng(5), 5, 15);
        GradientCheckReport report = GradientChecker.CheckLayer(layer, input, 9);
        Assert.False(report.Passed, report.ToString());
        Assert.Equal(6, report.Derivatives[0].FailureCount);
    }

    /// <summary>E = scale·MSE, with ∂E/∂Y optionally rounded to float32.</summary>
    private sealed class ScaledMse(double scale, bool roundToFloat) : Loss
    {
        public override string Name => "scaled mse";

        protected override double ValueCore(ReadOnlySpan<double> target, ReadOnlySpan<double> output) =>
            scale * ReferenceNN.Formulas.MeanSquaredError.Value(target, output);

        protected override void DerivativeCore(ReadOnlySpan<double> target, ReadOnlySpan<double> output, Span<double> outputError)
        {
            ReferenceNN.Formulas.MeanSquaredError.Derivative(target, output, outputError);
            for (int i = 0; i < outputError.Length; i++)
            {
                outputError[i] *= scale;
                if (roundToFloat) outputError[i] = (float)outputError[i];
            }
        }
    }
}
