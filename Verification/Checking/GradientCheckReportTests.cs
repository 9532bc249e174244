using ReferenceNN.Verification.Support;
using System;
using System.Linq;
using ReferenceNN.Checking;
using ReferenceNN.Layers;
using ReferenceNN.Verification.Catalogue;
using Xunit;

namespace ReferenceNN.Verification.Checking;

public class GradientCheckReportTests
{
    [Fact]
    public void Report_Passing_NamesEachDerivativeAndTheWorstRelativeError()
    {
        GradientCheckReport report = GradientChecker.CheckLayer(new FullyConnected(3, 2, new Rng(1)), Tensor.Row(0.1, -0.2, 0.3), 4);
        Assert.True(report.Passed);
        Assert.Equal(4, report.Seed);
        Assert.Equal(["inputError", "weightsError", "biasError"], report.Derivatives.Select(d => d.DerivativeName));
        Assert.All(report.Derivatives, d => Assert.Equal("FullyConnected", d.Owner));
        Assert.Equal(new Shape(3, 2), report.Derivatives[1].Shape);
        string text = report.ToString();
        Assert.StartsWith("Gradient check PASSED (Ridders, step 0.001·max(1,|x|), rtol 1E-08, stol 1E-09; reproduce with seed 4); worst rel error ", text);
        Assert.Contains("FullyConnected weightsError (3×2): ok", text);
        Assert.Equal(report.Derivatives.Max(d => d.WorstRelativeError), report.WorstRelativeError);
        Assert.True(report.WorstRelativeError < 1e-7);
    }

    [Fact]
    public void Report_Failing_NamesLayerDerivativeIndexBothValuesBothErrorsAndSeed()
    {
        WrongLayer layer = WrongDerivatives.ScaledBiasError(2, 3, 2, new Rng(5));
        GradientCheckReport report = GradientChecker.CheckLayer(layer, Tensor.Row(0.5, -1), 9);
        Assert.False(report.Passed);
        DerivativeCheck bias = report.Derivatives.Single(d => !d.Passed);
        ElementMismatch first = bias.Failures[0];
        Assert.Equal([0, 0], first.Index);
        string line = $"    FullyConnected with ∂E/∂B scaled by 2 biasError[0,0]: analytic {first.Analytic:R}, numeric {first.Numeric:R}, abs error ";
        Assert.Contains(line, report.ToString());
        Assert.Contains("rel error 1.000E+000", report.ToString());
        Assert.Contains("reproduce with seed 9", report.ToString());
        Assert.Contains("3 of 3 elements FAIL", bias.ToString());
        Assert.Equal(Math.Abs(first.Analytic - first.Numeric), first.AbsoluteError);
    }
}
