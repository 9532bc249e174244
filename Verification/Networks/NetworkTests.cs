using ReferenceNN.Cli.Examples;
using ReferenceNN.Networks;
using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ReferenceNN.Activations;
using ReferenceNN.Checking;
using ReferenceNN.Layers;
using ReferenceNN.Losses;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification;

public class NetworkTests
{
    private static Network TwoLayer(int seed)
    {
        var random = new Rng(seed);
        var network = new Network();
        network.Add(new FullyConnected(2, 3, random));
        network.Add(new ActivationLayer(new Shape(1, 3), Tanh.Instance));
        network.Add(new FullyConnected(3, 1, random));
        network.Use(MeanSquaredError.Instance);
        return network;
    }

    [Fact]
    public void Add_ShapesDoNotChain_MessageNamesLayersAndBothShapes()
    {
        var network = new Network();
        network.Add(new FullyConnected(2, 3, new Rng(1)));
        Expect.Throws<ArgumentException>(() => network.Add(new FullyConnected(4, 1, new Rng(1))),
            "Network.Add: layer 1 (FullyConnected) takes 1×4 but layer 0 (FullyConnected) gives 1×3");
        Assert.Single(network.Layers);
        Assert.Throws<ArgumentNullException>(() => network.Add(null!));
        Assert.Throws<ArgumentNullException>(() => network.Use(null!));
    }

    [Fact]
    public void EmptyNetwork_EveryOperationSaysAddALayer()
    {
        var network = new Network();
        network.Use(MeanSquaredError.Instance);
        const string message = "the network has no layers; call Add(layer) first";
        Expect.Throws<InvalidOperationException>(() => network.Forward(Tensor.Row(1)), "Network.Forward: " + message);
        Expect.Throws<InvalidOperationException>(() => network.Backward(Tensor.Row(1)), "Network.Backward: " + message);
        Expect.Throws<InvalidOperationException>(() => network.Fit([Tensor.Row(1)], [Tensor.Row(1)], 1, 0.1), "Network.Fit: " + message);
        Expect.Throws<InvalidOperationException>(() => network.Predict([Tensor.Row(1)]), "Network.Predict: " + message);
        Assert.Throws<ArgumentNullException>(() => network.Predict(null!));
        Expect.Throws<InvalidOperationException>(() => network.TrainSample(Tensor.Row(1), Tensor.Row(1), 0.1), "Network.TrainSample: " + message);
        Expect.Throws<InvalidOperationException>(() => network.ComputeGradients(Tensor.Row(1), Tensor.Row(1)), "Network.ComputeGradients: " + message);
        Expect.Throws<InvalidOperationException>(() => _ = network.InputShape, "Network.InputShape: " + message);
        Expect.Throws<InvalidOperationException>(() => _ = network.OutputShape, "Network.OutputShape: " + message);
    }

    [Fact]
    public void Fit_BeforeUse_SaysCallUse()
    {
        var network = new Network();
        network.Add(new FullyConnected(1, 1, new Rng(1)));
        Assert.Null(network.Loss);
        Expect.Throws<InvalidOperationException>(() => network.Fit([Tensor.Row(1)], [Tensor.Row(1)], 1, 0.1),
            "Network.Fit: no loss is set; call Use(loss) first");
        Expect.Throws<InvalidOperationException>(() => network.ComputeGradients(Tensor.Row(1), Tensor.Row(1)),
            "Network.ComputeGradients: no loss is set");
    }

    [Fact]
    public void Fit_BadArguments_ThrowBeforeAnyUpdate()
    {
        Network network = TwoLayer(3);
        Tensor weights = ((FullyConnected)network.Layers[0]).Weights.Clone();
        Tensor[] inputs = [Tensor.Row(0, 1), Tensor.Row(1, 1)];
        Tensor[] targets = [Tensor.Row(1), Tensor.Row(0)];
        Expect.Throws<ArgumentException>(() => network.Fit([], [], 1, 0.1), "Network.Fit: there are no samples");
        Expect.Throws<ArgumentException>(() => network.Fit(inputs, [Tensor.Row(1)], 1, 0.1), "Network.Fit: 2 inputs but 1 targets");
        Expect.Throws<ArgumentException>(() => network.Fit([Tensor.Row(0, 1), Tensor.Row(1, 1, 1)], targets, 1, 0.1),
            "Network.Fit: inputs[1] is 1×3 but the network takes 1×2");
        Expect.Throws<ArgumentException>(() => network.Fit(inputs, [Tensor.Row(1), Tensor.Row(0, 0)], 1, 0.1),
            "Network.Fit: targets[1] is 1×2 but the network gives 1×1");
        Expect.Throws<ArgumentNullException>(() => network.Fit([Tensor.Row(0, 1), null!], targets, 1, 0.1), "inputs[1] is null");
        Expect.Throws<ArgumentOutOfRangeException>(() => network.Fit(inputs, targets, 0, 0.1), "Network.Fit: epochs must be at least 1, not 0");
        Expect.Throws<ArgumentOutOfRangeException>(() => network.Fit(inputs, targets, 1, double.NaN), "Network.Fit: the learning rate must be a finite number, not NaN");
        Expect.Throws<ArgumentOutOfRangeException>(() => network.Fit(inputs, targets, 1, double.PositiveInfinity), "finite number");
        Assert.Throws<ArgumentNullException>(() => network.Fit(null!, targets, 1, 0.1));
        Assert.Throws<ArgumentNullException>(() => network.Fit(inputs, null!, 1, 0.1));
        Expect.Bitwise(weights, ((FullyConnected)network.Layers[0]).Weights);
    }

    [Fact]
    public void Fit_IsTheArticlesPerSampleLoop_Bitwise()
    {
        Network network = TwoLayer(5), manual = TwoLayer(5);
        Tensor[] inputs = [Tensor.Row(0, 1), Tensor.Row(1, 0.5), Tensor.Row(-1, 2)];
        Tensor[] targets = [Tensor.Row(1), Tensor.Row(0), Tensor.Row(0.5)];
        var reports = new List<EpochReport>();
        double[] errors = network.Fit(inputs, targets, 3, 0.2, reports.Add);

        var expected = new double[3];
        for (int epoch = 0; epoch < 3; epoch++)
        {
            double err = 0;
            for (int n = 0; n < inputs.Length; n++)
            {
                Tensor output = inputs[n];
                foreach (Layer layer in manual.Layers) output = layer.Forward(output);
                err += MeanSquaredError.Instance.Value(targets[n], output);
                Tensor error = MeanSquaredError.Instance.Derivative(targets[n], output);
                for (int l = manual.Layers.Count - 1; l >= 0; l--) error = manual.Layers[l].BackwardPropagation(error, 0.2);
            }
            expected[epoch] = err / inputs.Length;
        }

        Assert.Equal(expected, errors);
        Assert.Equal([1, 2, 3], reports.ConvertAll(r => r.Epoch));
        Assert.All(reports, r => Assert.Equal(3, r.Epochs));
        Assert.Equal(errors, reports.ConvertAll(r => r.Error));
        for (int l = 0; l < 3; l += 2)
        {
            Expect.Bitwise(((FullyConnected)manual.Layers[l]).Weights, ((FullyConnected)network.Layers[l]).Weights);
            Expect.Bitwise(((FullyConnected)manual.Layers[l]).Bias, ((FullyConnected)network.Layers[l]).Bias);
        }
    }

    [Fact]
    public void Fit_SameSeed_GivesBitIdenticalErrorsWeightsAndPredictions()
    {
        Network a = TwoLayer(9), b = TwoLayer(9);
        Tensor[] inputs = [Tensor.Row(0, 1), Tensor.Row(1, 0)];
        Tensor[] targets = [Tensor.Row(1), Tensor.Row(-1)];
        Assert.Equal(a.Fit(inputs, targets, 20, 0.1), b.Fit(inputs, targets, 20, 0.1));
        Tensor[] pa = a.Predict(inputs), pb = b.Predict(inputs);
        for (int n = 0; n < pa.Length; n++) Expect.Bitwise(pa[n], pb[n]);
    }

    [Fact]
    public void Fit_TrainsWithTrainingOnAndLeavesItOff()
    {
        Network network = TwoLayer(1);
        var seen = new List<bool>();
        network.Fit([Tensor.Row(0, 1)], [Tensor.Row(1)], 2, 0.1, _ => seen.Add(network.Layers[0].IsTraining));
        Assert.Equal([true, true], seen);
        Assert.All(network.Layers, layer => Assert.False(layer.IsTraining));
    }

    [Fact]
    public void Predict_ReturnsIndependentCopies_AndRestoresTheModeItFound()
    {
        Network network = TwoLayer(2);
        network.Layers[1].IsTraining = true;
        Tensor[] outputs = network.Predict([Tensor.Row(0, 1), Tensor.Row(1, 0)]);
        Assert.NotSame(outputs[0], outputs[1]);
        Assert.False(outputs[0].BitwiseEquals(outputs[1]));
        Expect.Bitwise(network.Forward(Tensor.Row(0, 1)).Clone(), outputs[0]);
        Assert.True(network.Layers[1].IsTraining);
        Assert.False(network.Layers[0].IsTraining);
        Expect.Throws<ArgumentException>(() => network.Predict([Tensor.Row(1)]), "Network.Predict: inputs[0] is 1×1 but the network takes 1×2");
        Assert.Throws<ArgumentNullException>(() => network.Predict(null!));
    }

    [Fact]
    public void TrainSample_IsOneStepOfFit_Bitwise()
    {
        Network a = ReferenceNN.Cli.Examples.Xor.Build(4), b = ReferenceNN.Cli.Examples.Xor.Build(4);
        Tensor[] inputs = ReferenceNN.Cli.Examples.Xor.Inputs(), targets = ReferenceNN.Cli.Examples.Xor.Targets();
        double[] errors = a.Fit(inputs, targets, 1, 0.1);
        double sum = 0;
        b.SetTraining(true);
        for (int n = 0; n < inputs.Length; n++) sum += b.TrainSample(inputs[n], targets[n], 0.1);
        Assert.Equal(errors[0], sum / inputs.Length);
        Expect.Bitwise(a.Predict(inputs)[2], b.Predict(inputs)[2]);
        Expect.Throws<System.ArgumentOutOfRangeException>(() => b.TrainSample(inputs[0], targets[0], double.NaN), "Network.TrainSample: the learning rate must be a finite number, not NaN");
        var noLoss = new Network();
        noLoss.Add(new FullyConnected(1, 1, new Rng(1)));
        Expect.Throws<System.InvalidOperationException>(() => noLoss.TrainSample(inputs[0], targets[0], 0.1), "Network.TrainSample: no loss is set");
    }

    [Fact]
    public void TrainSample_TheFirstLayersInputError_WhichTrainingDiscards_IsNotComputed()
    {
        // Training needs ∂E/∂X of every layer but the first (TrainStep passes inputErrorNeeded: n > 0), and the fast
        // dense kernel then skips that product: the first layer's inputError buffer keeps what Backward last wrote.
        Network network = TwoLayer(6);
        Layer first = network.Layers[0];
        first.Forward(Tensor.Row(0.5, -0.5));
        Tensor buffer = first.Backward(Tensor.Row(1, 2, 3));
        Tensor before = buffer.Clone();
        network.TrainSample(Tensor.Row(0.3, -0.7), Tensor.Row(0.25), 0.1);
        Expect.Bitwise(before, buffer);
    }

    [Fact]
    public void ComputeGradients_MatchesLayerByLayerBackward_AndChangesNoParameter()
    {
        Network network = TwoLayer(4);
        Tensor weights = ((FullyConnected)network.Layers[2]).Weights.Clone();
        (double error, Tensor inputError) = network.ComputeGradients(Tensor.Row(0.3, -0.7), Tensor.Row(0.25));
        Tensor output = network.Forward(Tensor.Row(0.3, -0.7));
        Assert.Equal(MeanSquaredError.Instance.Value(Tensor.Row(0.25), output), error);
        Expect.Bitwise(network.Backward(MeanSquaredError.Instance.Derivative(Tensor.Row(0.25), output)).Clone(), inputError);
        Expect.Bitwise(weights, ((FullyConnected)network.Layers[2]).Weights);
        Assert.Equal(new Shape(1, 2), network.InputShape);
        Assert.Equal(new Shape(1, 1), network.OutputShape);
    }

    public sealed record ChainCase(int[] Widths, int Seed)
    {
        public Network Build()
        {
            var random = new Rng(Seed);
            var network = new Network();
            for (int n = 0; n + 1 < Widths.Length; n++)
            {
                network.Add(new FullyConnected(Widths[n], Widths[n + 1], random));
                network.Add(new ActivationLayer(new Shape(1, Widths[n + 1]), Tanh.Instance));
            }
            network.Use(MeanSquaredError.Instance);
            return network;
        }

        public Tensor Input() => RandomTensor.Uniform(new Shape(1, Widths[0]), new Rng(Seed ^ 1), -2, 2);

        public Tensor Target() => RandomTensor.Uniform(new Shape(1, Widths[^1]), new Rng(Seed ^ 2), -0.9, 0.9);

        public override string ToString() => $"ChainCase {{ Widths = [{string.Join(", ", Widths)}], Seed = {Seed} }}";
    }

    public static class Chains
    {
        public static Arbitrary<ChainCase> ChainCase() =>
            (from depth in Gen.Choose(1, 4)
             from widths in Gen.ArrayOf(Gen.Choose(1, 6), depth + 1)
             from seed in Arbitraries.Seed
             select new ChainCase(widths, seed)).ToArbitrary();
    }

    [SeededProperty(MaxTest = 100, Arbitrary = [typeof(Chains)])]
    public Property ComputeGradients_RandomChains_MatchRichardsonDifferences(ChainCase c)
    {
        GradientCheckReport report = GradientChecker.CheckNetwork(c.Build(), c.Input(), c.Target());
        WorstErrors.Record("FC/tanh chains through MSE", report);
        return report.Passed.Label(report.ToString());
    }

    [SeededProperty(MaxTest = 100, Arbitrary = [typeof(Chains)])]
    public Property ComputeGradients_RandomChains_TaylorRemainderShrinksAsEpsilonSquared(ChainCase c)
    {
        TaylorReport report = TaylorTest.Run(Objective.ForNetwork(c.Build(), c.Input(), c.Target()), c.Seed);
        return report.Passed.Label(report.ToString());
    }

    [SeededProperty(MaxTest = 150, MaxRejected = 1000, Arbitrary = [typeof(NetworkCases)])]
    public Property ComputeGradients_RandomNetworksOfEveryLayer_MatchRichardsonDifferences(NetworkCase c)
    {
        Network network = c.Build();
        return c.AwayFromKinks(network).When(() =>
        {
            Tensor input = c.Input();
            GradientCheckReport report = GradientChecker.CheckNetwork(network, input, c.Target(network.OutputShape));
            WorstErrors.Record("random networks of every layer through their loss", report);
            return report.Passed.Label($"{c}\n{report}");
        });
    }

    [SeededProperty(MaxTest = 150, MaxRejected = 1000, Arbitrary = [typeof(NetworkCases)])]
    public Property ComputeGradients_RandomNetworksOfEveryLayer_TaylorRemainderShrinksAsEpsilonSquared(NetworkCase c)
    {
        // The Taylor expansion holds only where E is smooth: the case counts only if no ReLU input changed sign and
        // no max-pool window changed its maximum anywhere along θ + εδ.
        Network network = c.Build();
        Objective objective = Objective.ForNetwork(network, c.Input(), c.Target(network.OutputShape));
        network.Forward(objective.Variables[0].Values);
        string pattern = NetworkCase.KinkPattern(network);
        bool smooth = true;
        TaylorReport report = TaylorTest.Run(objective, c.Seed, 1e-2, TaylorTest.DefaultCount, _ => smooth &= NetworkCase.KinkPattern(network) == pattern);
        return smooth.When(() => report.Passed.Label($"{c}\n{report}"));
    }
}

public class NetworkAllocationTests
{
    [Theory]
    [InlineData("fc")]
    [InlineData("conv")]
    public void TrainSample_SteadyState_AllocatesNothing(string kind)
    {
        // Allocation counts are deterministic (time is not): after one warm-up step, a training step on the article's
        // MNIST networks must allocate zero bytes. One caveat of the counter: when the runtime suspends threads for a
        // collection started elsewhere (tests run in parallel), it retires this thread's allocation context and
        // charges the unused tail (a few KB, once) to this thread, though nothing was allocated; observed about once
        // in twenty suite runs, and not always with a visible change of GC.CollectionCount (a background collection
        // counts when it ends). So the steps run in 5 windows of 20, and at least 4 windows must show exactly zero
        // bytes: a step that allocated anything would show in every window.
        var random = new Rng(5);
        Network network = kind == "fc" ? ReferenceNN.Cli.Examples.Mnist.FullyConnectedNetwork(random) : ReferenceNN.Cli.Examples.Mnist.ConvolutionalNetwork(random);
        Tensor input = RandomTensor.Uniform(network.InputShape, random, 0, 1);
        var target = new Tensor(network.OutputShape);
        target.Span[3] = 1;
        network.SetTraining(true);
        network.TrainSample(input, target, 0.1);
        var allocated = new long[5];
        for (int window = 0; window < allocated.Length; window++)
        {
            long before = System.GC.GetAllocatedBytesForCurrentThread();
            for (int n = 0; n < 20; n++) network.TrainSample(input, target, 0.1);
            allocated[window] = System.GC.GetAllocatedBytesForCurrentThread() - before;
        }
        Assert.True(allocated.Count(bytes => bytes == 0) >= 4, $"bytes allocated per window of 20 steps: {string.Join(", ", allocated)}");
    }
}
