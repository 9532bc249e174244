using System;
using System.Collections.Generic;
using ReferenceNN.Activations;
using ReferenceNN.Checking;
using ReferenceNN.Layers;
using ReferenceNN.Losses;
using ReferenceNN.Networks;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Layers;

/// <summary>
/// No hidden state corrupts a gradient: a caller may change what Forward returned; the checks leave every layer as they
/// found it, even when they throw; modes are restored; a layer cannot sit twice in a network; a dropout mask changes
/// only through SetMask. (Issue 11, point 5: each test here failed before its fix.)
/// </summary>
public class LayerStateTests
{
    public static TheoryData<string> Layers() => ["tanh", "sigmoid", "softmax", "dense", "conv", "maxpool", "dropout", "flatten"];

    private static (Layer Layer, Tensor Input) Make(string kind)
    {
        var random = new Rng(3);
        return kind switch
        {
            "tanh" => (new ActivationLayer(new Shape(1, 4), Tanh.Instance), Tensor.Row(0.3, -1.2, 2.0, 0.1)),
            "sigmoid" => (new ActivationLayer(new Shape(1, 4), Sigmoid.Instance), Tensor.Row(0.3, -1.2, 2.0, 0.1)),
            "softmax" => (new Softmax(new Shape(1, 4)), Tensor.Row(0.3, -1.2, 2.0, 0.1)),
            "dense" => (new FullyConnected(4, 3, random), Tensor.Row(0.3, -1.2, 2.0, 0.1)),
            "conv" => (new Convolution(new Shape(3, 3, 2), 2, 2, 2, random), RandomTensor.Uniform(new Shape(3, 3, 2), random)),
            "maxpool" => (new MaxPooling(new Shape(4, 4, 1), 2, 2), RandomTensor.Uniform(new Shape(4, 4, 1), random)),
            "dropout" => (new Dropout(new Shape(1, 4), 0.5, Tensor.Row(1, 0, 1, 1)) { IsTraining = true }, Tensor.Row(0.3, -1.2, 2.0, 0.1)),
            _ => (new Flatten(new Shape(2, 2, 1)), RandomTensor.Uniform(new Shape(2, 2, 1), random)),
        };
    }

    [Theory]
    [MemberData(nameof(Layers))]
    public void Backward_AfterTheCallerChangedTheReturnedOutput_IsStillRight(string kind)
    {
        (Layer layer, Tensor input) = Make(kind);
        Tensor upstream = GradientChecker.RandomUpstream(layer.OutputShape, new Rng(8));
        layer.Forward(input);
        Tensor expected = layer.Backward(upstream).Clone();
        (Layer twin, _) = Make(kind);
        Tensor returned = twin.Forward(input);
        returned.Span.Fill(123.0);
        Expect.Bitwise(expected, twin.Backward(upstream));
    }

    [Theory]
    [MemberData(nameof(Layers))]
    public void Checker_LeavesTheLayerAsItFoundIt_ParametersInputOutputAndErrors(string kind)
    {
        (Layer layer, Tensor input) = Make(kind);
        layer.Forward(Probe(layer.InputShape));
        layer.Backward(GradientChecker.RandomUpstream(layer.OutputShape, new Rng(2)));
        List<Tensor> before = State(layer);
        GradientChecker.CheckLayer(layer, input, 5);
        AdjointTest.ForInput(layer, input, GradientChecker.RandomUpstream(layer.OutputShape, new Rng(4)));
        if (layer.Parameters.Count > 0) AdjointTest.ForParameter(layer, 0, input, GradientChecker.RandomUpstream(layer.OutputShape, new Rng(4)));
        List<Tensor> after = State(layer);
        for (int n = 0; n < before.Count; n++) Expect.Bitwise(before[n], after[n]);
    }

    [Theory]
    [MemberData(nameof(Layers))]
    public void Checker_LeavesTheInputErrorBufferAndWhatTheNextBackwardReads_AsTheyWere(string kind)
    {
        // The buffer Backward returned keeps its values, and the next Backward (which reads the layer's own state: a
        // softmax's Y, a max-pool's argmax, a dropout's mask) gives what a twin that was never checked gives.
        (Layer layer, Tensor input) = Make(kind);
        Tensor probe = Probe(layer.InputShape);
        layer.Forward(probe);
        Tensor buffer = layer.Backward(GradientChecker.RandomUpstream(layer.OutputShape, new Rng(2)));
        Tensor before = buffer.Clone();
        GradientChecker.CheckLayer(layer, input, 5);
        AdjointTest.ForInput(layer, input, GradientChecker.RandomUpstream(layer.OutputShape, new Rng(4)));
        if (layer.Parameters.Count > 0) AdjointTest.ForParameter(layer, 0, input, GradientChecker.RandomUpstream(layer.OutputShape, new Rng(4)));
        Expect.Bitwise(before, buffer);
        Tensor upstream = GradientChecker.RandomUpstream(layer.OutputShape, new Rng(6));
        (Layer twin, _) = Make(kind);
        twin.Forward(probe);
        Expect.Bitwise(twin.Backward(upstream), layer.Backward(upstream));
    }

    [Fact]
    public void AdjointTest_WhenTheForwardThrows_PutsTheParameterItClearedBack()
    {
        // ForParameter sets θ to 0 to test L(0) = 0; an input of the wrong shape makes that Forward throw.
        var layer = new FullyConnected(new Tensor(new Shape(2, 1), [1.5, -2]), Tensor.Row(0));
        Assert.Throws<ArgumentException>(() => AdjointTest.ForParameter(layer, 0, Tensor.Row(1, 2, 3), Tensor.Row(1)));
        Expect.Close([1.5, -2], layer.Weights, 0);
    }

    [Fact]
    public void Checker_WhenTheLayerThrowsMidway_StillRestoresIt()
    {
        var layer = new ThrowsOnTheThirdForward(new Shape(1, 2));
        layer.Forward(Tensor.Row(0.25, 0.5));
        List<Tensor> before = State(layer);
        Assert.Throws<InvalidOperationException>(() => GradientChecker.CheckLayer(layer, Tensor.Row(1, 2), 1));
        List<Tensor> after = State(layer);
        for (int n = 0; n < before.Count; n++) Expect.Bitwise(before[n], after[n]);
    }

    [Fact]
    public void Checker_RefusesADropoutThatDrawsItsMask_InTraining()
    {
        var dropout = new Dropout(new Shape(1, 3), 0.5, new Rng(1)) { IsTraining = true };
        Expect.Throws<ArgumentException>(() => GradientChecker.CheckLayer(dropout, Tensor.Row(1, 2, 3), 1),
            "Dropout is training and draws a new mask at every forward, so E is not a function of the variables");
        var network = new Network();
        network.Add(dropout);
        network.Use(MeanSquaredError.Instance);
        Expect.Throws<ArgumentException>(() => GradientChecker.CheckNetwork(network, Tensor.Row(1, 2, 3), Tensor.Row(0, 0, 0)),
            "Objective.ForNetwork: Dropout is training");
        // With training off, or a fixed mask, E is a function again and the check runs.
        dropout.IsTraining = false;
        Expect.Passed(GradientChecker.CheckLayer(dropout, Tensor.Row(1, 2, 3), 1));
    }

    [Fact]
    public void Network_Add_RefusesALayerItAlreadyHolds()
    {
        var network = new Network();
        var tanh = new ActivationLayer(new Shape(1, 2), Tanh.Instance);
        network.Add(tanh);
        Expect.Throws<ArgumentException>(() => network.Add(tanh), "Network.Add: this ActivationLayer(tanh) is already layer 0");
        Assert.Single(network.Layers);
    }

    [Fact]
    public void FitAndPredict_RestoreTheModeTheyFound_EvenWhenTheyThrow()
    {
        var network = new Network();
        var dropout = new Dropout(new Shape(1, 2), 0.5, Tensor.Row(1, 0));
        network.Add(dropout);
        network.Use(MeanSquaredError.Instance);
        dropout.IsTraining = false;
        network.Fit([Tensor.Row(1, 2)], [Tensor.Row(0, 0)], 1, 0.1);
        Assert.False(dropout.IsTraining);
        dropout.IsTraining = true;
        Tensor prediction = network.Predict([Tensor.Row(1, 2)])[0];
        Expect.Bitwise(Tensor.Row(1, 2), prediction); // predicted with training off: dropout is the identity
        Assert.True(dropout.IsTraining);
        var thrower = new Network();
        var bad = new ThrowsOnTheThirdForward(new Shape(1, 2)) { IsTraining = false };
        thrower.Add(bad);
        thrower.Use(MeanSquaredError.Instance);
        Assert.Throws<InvalidOperationException>(() => thrower.Fit([Tensor.Row(1, 2)], [Tensor.Row(0, 0)], 5, 0.1));
        Assert.False(bad.IsTraining);
    }

    [Fact]
    public void Dropout_Mask_IsACopy_SoItChangesOnlyThroughSetMask()
    {
        var dropout = new Dropout(new Shape(1, 2), 0.5, Tensor.Row(1, 0)) { IsTraining = true };
        dropout.Mask.Span[1] = 7; // changes a copy
        Expect.Bitwise(Tensor.Row(2, 0), dropout.Forward(Tensor.Row(1, 1)));
        Expect.Bitwise(Tensor.Row(1, 0), dropout.Mask);
    }

    private static Tensor Probe(Shape shape) => RandomTensor.Uniform(shape, new Rng(99));

    private static List<Tensor> State(Layer layer)
    {
        var state = new List<Tensor> { layer.Input.Clone(), layer.Output.Clone() };
        foreach (Parameter parameter in layer.Parameters)
        {
            state.Add(parameter.Value.Clone());
            state.Add(parameter.Error.Clone());
        }
        if (layer is Dropout dropout) state.Add(dropout.Mask);
        return state;
    }

    /// <summary>y = 2x with a weight w (y = w·x); the third Forward throws, as a layer with a bug might.</summary>
    private sealed class ThrowsOnTheThirdForward : Layer
    {
        private readonly Parameter[] _parameters;
        private int _calls;

        public ThrowsOnTheThirdForward(Shape shape) : base(shape, shape)
        {
            _parameters = [new Parameter("weights", Tensor.Row(2.0))];
        }

        public override IReadOnlyList<Parameter> Parameters => _parameters;

        protected override void ForwardCore(Tensor input, Tensor output)
        {
            if (++_calls == 3) throw new InvalidOperationException("third forward");
            for (int n = 0; n < input.Length; n++) output.Span[n] = _parameters[0].Value.Span[0] * input.Span[n];
        }

        protected override void BackwardCore(Tensor outputError, Tensor inputError)
        {
            double sum = 0;
            for (int n = 0; n < inputError.Length; n++)
            {
                inputError.Span[n] = _parameters[0].Value.Span[0] * outputError.Span[n];
                sum += outputError.Span[n] * Input.Span[n];
            }
            _parameters[0].Error.Span[0] = sum;
        }
    }
}
