using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
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

    /// <summary>
    /// The same training in processes whose runtime is limited to fewer instruction sets — no AVX-512 (the kernels then
    /// use 256-bit vectors), no AVX2 (128-bit), no hardware intrinsics at all (scalar) — prints the same bytes: every
    /// epoch error, weight and output, to the last digit. (.NET 10's switch for AVX-512 is DOTNET_EnableAVX512;
    /// DOTNET_EnableAVX512F no longer changes the width.) An injected change in the 512-bit loop alone is caught here.
    /// </summary>
    [Theory]
    [InlineData("xor")]
    [InlineData("conv-toy", "--epochs", "300")]
    [InlineData("train")]
    public void Training_UnderEveryInstructionSetTheRuntimeCanBeLimitedTo_PrintsTheSameBytes(string command, params string[] options)
    {
        if (!RefnnProcess.Supported) return;
        using var folder = new TempFolder();
        // train: dense 20 → 17 → 9, wide enough for every vector width and its remainders, 200 epochs on 4 samples.
        string[] args = command == "train" ? ["train", folder.Write("wide.case.json", WideCase())] : [command, .. options];
        ProcessRun reference = RefnnProcess.Run(args, timeoutSeconds: 120);
        Assert.True(reference.ExitCode == 0, reference.ToString());
        Assert.True(reference.Stdout.Length > 1000, reference.Stdout);
        foreach (string limit in new[] { "DOTNET_EnableAVX512=0", "DOTNET_EnableAVX2=0", "DOTNET_EnableHWIntrinsic=0" })
        {
            ProcessRun limited = RefnnProcess.Run(args, timeoutSeconds: 120, prelude: $"export {limit};");
            Assert.True(limited.ExitCode == 0, $"{limit}: {limited}");
            Assert.True(reference.Stdout == limited.Stdout, $"{limit} changed the output of refnn {string.Join(' ', args)}");
        }
    }

    [Fact]
    public void Network_ComputesWithTheFastKernels_UnlessToldOtherwise() => Assert.Equal(Kernels.Fast, new Network().Kernels);

    private static string WideCase()
    {
        var random = new Rng(17);
        string Matrix(int rows, int columns) => "[" + string.Join(",", Enumerable.Range(0, rows).Select(_ =>
            "[" + string.Join(",", Enumerable.Range(0, columns).Select(_ => (random.NextDouble() - 0.5).ToString("R", CultureInfo.InvariantCulture))) + "]")) + "]";
        string samples = "[" + string.Join(",", Enumerable.Range(0, 4).Select(_ => "[" + Matrix(1, 20)[1..^1] + "]")) + "]";
        string targets = "[" + string.Join(",", Enumerable.Range(0, 4).Select(_ => "[" + Matrix(1, 9)[1..^1] + "]")) + "]";
        return "{\"format\": \"referencenn/case@1\", \"network\": ["
            + "{\"type\": \"dense\", \"weights\": " + Matrix(20, 17) + ", \"bias\": " + Matrix(1, 17) + "}, {\"type\": \"activation\", \"function\": \"tanh\"}, "
            + "{\"type\": \"dense\", \"weights\": " + Matrix(17, 9) + ", \"bias\": " + Matrix(1, 9) + "}, {\"type\": \"activation\", \"function\": \"sigmoid\"}], "
            + "\"loss\": \"mse\", \"input\": " + Matrix(1, 20) + ", \"target\": " + Matrix(1, 9) + ", "
            + "\"train\": {\"inputs\": " + samples + ", \"targets\": " + targets + ", \"epochs\": 200, \"learningRate\": 0.1}}";
    }

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
