using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using ReferenceNN.Activations;
using ReferenceNN.Checking;
using ReferenceNN.Layers;
using ReferenceNN.Losses;
using ReferenceNN.Networks;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification;

/// <summary>
/// Every code snippet of docs/Guide.md is a region of this file, compiled with the tests and run by them;
/// <see cref="Guide_EverySnippet_IsARegionOfThisFile"/> holds the page to these regions word for word.
/// </summary>
public partial class GuideTests
{
    [Fact]
    public void TrainXor()
    {
        // snippet: train-xor
        var random = new SplitMix64(1);
        var network = new Network();
        network.Add(new FullyConnected(2, 3, random));
        network.Add(new ActivationLayer(new Shape(1, 3), Tanh.Instance));
        network.Add(new FullyConnected(3, 1, random));
        network.Add(new ActivationLayer(new Shape(1, 1), Tanh.Instance));
        network.Use(MeanSquaredError.Instance);

        Tensor[] inputs = [Tensor.Row(0, 0), Tensor.Row(0, 1), Tensor.Row(1, 0), Tensor.Row(1, 1)];
        Tensor[] targets = [Tensor.Row(0), Tensor.Row(1), Tensor.Row(1), Tensor.Row(0)];
        double[] errors = network.Fit(inputs, targets, epochs: 1000, learningRate: 0.1,
            onEpoch: report => { if (report.Epoch % 250 == 0) Console.WriteLine(report); });

        foreach (Tensor prediction in network.Predict(inputs)) Console.WriteLine(prediction);
        // end snippet
        Assert.True(errors[^1] < 1e-3, $"last error {errors[^1]}");
        Tensor[] predictions = network.Predict(inputs);
        for (int n = 0; n < 4; n++) Assert.InRange(Math.Abs(predictions[n].Span[0] - targets[n].Span[0]), 0, 0.1);
    }

    [Fact]
    public void ReadGradients()
    {
        // snippet: read-gradients
        var layer = new FullyConnected(new Tensor(new Shape(2, 1), [0.5, -1.0]), Tensor.Row(0.25));
        var network = new Network();
        network.Add(layer);
        network.Use(MeanSquaredError.Instance);

        (double error, Tensor inputError) = network.ComputeGradients(Tensor.Row(2, 1), Tensor.Row(1));
        // y = 2·0.5 + 1·(−1) + 0.25 = 0.25; E = (1 − 0.25)² = 0.5625; ∂E/∂y = 2(0.25 − 1) = −1.5
        Console.WriteLine(error);              // 0.5625
        Console.WriteLine(layer.WeightsError); // [[-3], [-1.5]]  = Xᵀ·∂E/∂Y
        Console.WriteLine(layer.BiasError);    // [[-1.5]]        = ∂E/∂Y
        Console.WriteLine(inputError);         // [[-0.75, 1.5]]  = ∂E/∂Y·Wᵀ
        // end snippet
        Assert.Equal(0.5625, error);
        Expect.Bitwise(new Tensor(new Shape(2, 1), [-3, -1.5]), layer.WeightsError);
        Expect.Bitwise(Tensor.Row(-1.5), layer.BiasError);
        Expect.Bitwise(Tensor.Row(-0.75, 1.5), inputError);
        Expect.Bitwise(new Tensor(new Shape(2, 1), [0.5, -1.0]), layer.Weights); // ComputeGradients changes no parameter
    }

    // snippet: own-layer
    /// <summary>y_n = a·x_n² with one parameter a: ∂E/∂x_n = 2a·x_n·∂E/∂y_n, ∂E/∂a = Σ_n x_n²·∂E/∂y_n.</summary>
    public sealed class ScaledSquare : Layer
    {
        private readonly Parameter[] _parameters;

        public ScaledSquare(Shape shape, double a) : base(shape, shape)
        {
            _parameters = [new Parameter("weights", Tensor.Row(a))];
        }

        public override IReadOnlyList<Parameter> Parameters => _parameters;

        private double A => _parameters[0].Value.Span[0];

        protected override void ForwardCore(Tensor input, Tensor output)
        {
            for (int n = 0; n < input.Length; n++) output.Span[n] = A * input.Span[n] * input.Span[n];
        }

        protected override void BackwardCore(Tensor outputError, Tensor inputError)
        {
            double sum = 0;
            for (int n = 0; n < inputError.Length; n++)
            {
                inputError.Span[n] = 2 * A * Input.Span[n] * outputError.Span[n];
                sum += Input.Span[n] * Input.Span[n] * outputError.Span[n];
            }
            _parameters[0].Error.Span[0] = sum;
        }
    }
    // end snippet

    [Fact]
    public void CheckYourOwnLayer()
    {
        // snippet: check-own-layer
        var layer = new ScaledSquare(new Shape(1, 3), a: 1.5);
        GradientCheckReport report = GradientChecker.CheckLayer(layer, Tensor.Row(0.5, -2, 1), seed: 7);
        Console.WriteLine(report);  // one line per derivative: inputError and weightsError, each "ok" or its failures
        // end snippet
        Assert.True(report.Passed, report.ToString());
        Assert.Equal(["inputError", "weightsError"], report.Derivatives.Select(d => d.DerivativeName));
    }

    [Fact]
    public void RehearseFloat32()
    {
        // snippet: float32
        float[] x = [0.5f, -2f], w = [0.25f, -1f, 1.5f, 0.75f], b = [0.1f, 0.2f];
        float[] y = new float[2];
        ReferenceNN.Formulas.FullyConnected.Forward<float>(x, w, b, y);   // Y = X·W + B, every operation in float
        double[] yd = new double[2];
        ReferenceNN.Formulas.FullyConnected.Forward<double>(
            x.Select(v => (double)v).ToArray(), w.Select(v => (double)v).ToArray(), b.Select(v => (double)v).ToArray(), yd);
        // end snippet
        Assert.Equal(0.5f * 0.25f + -2f * 1.5f + 0.1f, y[0]);
        Assert.Equal(0.5 * 0.25 + -2.0 * 1.5 + (double)0.1f, yd[0]);
    }

    [GeneratedRegex(@"<!-- snippet: (?<name>[\w-]+) -->\n```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex PageSnippet();

    [GeneratedRegex(@"^(?<indent>[ ]*)// snippet: (?<name>[\w-]+)\n(?<code>.*?)^[ ]*// end snippet", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex FileSnippet();

    [Fact]
    public void Guide_EverySnippet_IsARegionOfThisFile()
    {
        string page = File.ReadAllText(Repository.PathOf("docs/Guide.md"));
        string source = File.ReadAllText(Repository.PathOf("Verification/GuideTests.cs"));
        var regions = new Dictionary<string, string>();
        foreach (Match m in FileSnippet().Matches(source))
        {
            int indent = m.Groups["indent"].Value.Length;
            regions[m.Groups["name"].Value] = string.Concat(m.Groups["code"].Value.Split('\n')
                .Select(line => (line.Length >= indent ? line[indent..] : line.TrimStart()) + "\n")).TrimEnd('\n') + "\n";
        }
        MatchCollection snippets = PageSnippet().Matches(page);
        Assert.Equal(regions.Keys.Order(), snippets.Select(s => s.Groups["name"].Value).Order());
        foreach (Match snippet in snippets)
        {
            Assert.Equal(regions[snippet.Groups["name"].Value], snippet.Groups["code"].Value);
        }
    }
}
