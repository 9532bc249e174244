using System;
using System.Linq;
using ReferenceNN.Checking;
using ReferenceNN.Layers;
using ReferenceNN.Losses;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Catalogue;

/// <summary>
/// docs/Errata.md, proved: the article's ConvLayer, written here exactly as its Python, is rejected by the checker
/// on ∂E/∂B with the ratio k/d between the article's value and the true one; the rest of its derivatives pass.
/// </summary>
public class ArticleErrataTests
{
    private static Tensor Input(Shape shape) => RandomTensor.Uniform(shape, new Rng(11), -1, 1);

    [Theory]
    [InlineData(1, 2)]
    [InlineData(3, 1)]
    [InlineData(3, 2)]
    public void ArticleBiasError_IsRejected_WithRatioLayerDepthOverInputDepth(int d, int k)
    {
        var layer = new ArticleConvolution(new Shape(5, 4, d), 2, 3, k, new Rng(d * 10 + k));
        GradientCheckReport report = GradientChecker.CheckLayer(layer, Input(layer.InputShape), 7);
        Assert.False(report.Passed, report.ToString());
        DerivativeCheck bias = report.Derivatives.Single(c => c.DerivativeName == "biasError");
        Assert.Equal(k, bias.FailureCount);
        foreach (ElementMismatch failure in bias.Failures)
        {
            Assert.Equal((double)k / d, failure.Analytic / failure.Numeric, 1e-9);
        }
        Assert.All(report.Derivatives.Where(c => c.DerivativeName != "biasError"), c => Assert.True(c.Passed, c.ToString()));
    }

    [Fact]
    public void ArticleBiasError_WhenInputDepthEqualsLayerDepth_HappensToBeRight()
    {
        var layer = new ArticleConvolution(new Shape(4, 4, 2), 3, 3, 2, new Rng(1));
        Expect.Passed(GradientChecker.CheckLayer(layer, Input(layer.InputShape), 7));
    }

    [Fact]
    public void ArticleForward_AddsTheBiasOncePerInputChannel()
    {
        var article = new ArticleConvolution(new Shape(3, 3, 3), 2, 2, 1, new Rng(5));
        var correct = new Convolution(new Shape(3, 3, 3), 2, 2, 1, new Rng(5));
        Tensor x = Input(article.InputShape);
        Tensor difference = article.Forward(x).Clone();
        Tensor y = correct.Forward(x);
        for (int n = 0; n < difference.Length; n++) difference.Span[n] -= y.Span[n];
        // Article − correct = (d − 1)·b_k at every output position.
        Assert.All(difference.Span.ToArray(), v => Assert.Equal(2 * correct.Bias.Span[0], v, 1e-12));
    }

    [Fact]
    public void ConvToysLastLayer_DoublesTheBiasError()
    {
        // The article's conv-only toy ends in Conv(6×6×1, 3×3, 2): d = 1, k = 2, so its bias gradient is doubled.
        var layer = new ArticleConvolution(new Shape(6, 6, 1), 3, 3, 2, new Rng(3));
        Tensor target = RandomTensor.Uniform(layer.OutputShape, new Rng(4), 0, 1);
        GradientCheckReport report = GradientChecker.CheckLayer(layer, Input(layer.InputShape), MeanSquaredError.Instance, target);
        DerivativeCheck bias = report.Derivatives.Single(c => c.DerivativeName == "biasError");
        Assert.Equal(2, bias.FailureCount);
        Assert.All(bias.Failures, f => Assert.Equal(2, f.Analytic / f.Numeric, 1e-9));
    }

    [Fact]
    public void SecondDefectAlone_OnTheCorrectForward_IsRejectedWithRatioK()
    {
        WrongLayer layer = WrongExerciseDerivatives.ConvolutionWithArticleBiasError(new Shape(4, 4, 3), 2, 2, new Rng(2));
        GradientCheckReport report = GradientChecker.CheckLayer(layer, Input(layer.InputShape), 7);
        DerivativeCheck bias = report.Derivatives.Single(c => c.DerivativeName == "biasError");
        Assert.All(bias.Failures, f => Assert.Equal(2, f.Analytic / f.Numeric, 1e-9));
        TaylorReport taylor = TaylorTest.Run(Objective.ForLayer(layer, Input(layer.InputShape), MeanSquaredError.Instance,
            RandomTensor.Uniform(layer.OutputShape, new Rng(4))), 7);
        Assert.False(taylor.Passed, taylor.ToString());
    }
}
