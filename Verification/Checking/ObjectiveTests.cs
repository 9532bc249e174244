using ReferenceNN.Networks;
using System;
using ReferenceNN.Activations;
using ReferenceNN.Checking;
using ReferenceNN.Layers;
using ReferenceNN.Losses;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Checking;

public class ObjectiveTests
{
    [Fact]
    public void ForLayer_Upstream_IsSumOfUpstreamTimesOutput_WithTheLayersErrors()
    {
        var layer = new FullyConnected(new Tensor(new Shape(1, 2), [2, 3]), Tensor.Row(1, -1));
        Objective objective = Objective.ForLayer(layer, Tensor.Row(4), Tensor.Row(0.5, 2));
        // Y = [9, 11]; E = 0.5·9 + 2·11
        Assert.Equal(26.5, objective.Evaluate());
        Assert.Equal(["inputError", "weightsError", "biasError"], Array.ConvertAll([.. objective.Variables], v => v.DerivativeName));
        Expect.Close([0.5 * 2 + 2 * 3], objective.Variables[0].Analytic, 0);
        Assert.Same(layer.Weights, objective.Variables[1].Values);
    }

    [Fact]
    public void ForLayer_Loss_IsTheLossOfTheOutput()
    {
        var layer = new ActivationLayer(new Shape(1, 2), Tanh.Instance);
        Objective objective = Objective.ForLayer(layer, Tensor.Row(0.5, -0.5), MeanSquaredError.Instance, Tensor.Row(0, 0));
        Assert.Equal(Math.Tanh(0.5) * Math.Tanh(0.5), objective.Evaluate(), 1e-16);
        Assert.Single(objective.Variables);
    }

    [Fact]
    public void ForNetwork_NamesEachLayersParameters()
    {
        var network = new Network();
        network.Add(new FullyConnected(2, 2, new Rng(1)));
        network.Add(new ActivationLayer(new Shape(1, 2), Tanh.Instance));
        network.Use(MeanSquaredError.Instance);
        Objective objective = Objective.ForNetwork(network, Tensor.Row(1, 2), Tensor.Row(0, 1));
        Assert.Equal(["network", "layer 0 (FullyConnected)", "layer 0 (FullyConnected)"], Array.ConvertAll([.. objective.Variables], v => v.Owner));
        Assert.Equal(MeanSquaredError.Instance.Value(Tensor.Row(0, 1), network.Forward(Tensor.Row(1, 2))), objective.Evaluate());
    }

    [Fact]
    public void ForLayer_WrongShapes_ThrowNamingBothShapes_BeforeTheLayerRuns()
    {
        var layer = new FullyConnected(2, 3, new Rng(5));
        Tensor output = layer.Forward(Tensor.Row(1, -1));
        Tensor before = output.Clone();
        Expect.Throws<ArgumentException>(() => Objective.ForLayer(layer, Tensor.Row(4, 5), Tensor.Row(1, 1)),
            "Objective.ForLayer: upstream is 1×2 but 1×3 is required");
        Expect.Throws<ArgumentException>(() => Objective.ForLayer(layer, Tensor.Row(4, 5, 6), Tensor.Row(1, 1, 1)),
            "Objective.ForLayer: input is 1×3 but 1×2 is required");
        Expect.Throws<ArgumentException>(() => Objective.ForLayer(layer, Tensor.Row(4, 5), MeanSquaredError.Instance, Tensor.Row(1)),
            "Objective.ForLayer: target is 1×1 but 1×3 is required");
        Expect.Throws<ArgumentException>(() => Objective.ForLayer(layer, Tensor.Row(4), MeanSquaredError.Instance, Tensor.Row(1, 1, 1)),
            "Objective.ForLayer: input is 1×1 but 1×2 is required");
        // The layer's output buffer still holds the forward of (1, −1): no refused call ran the layer.
        Expect.Bitwise(before, output);
    }

    [Fact]
    public void NullArguments_Throw()
    {
        var layer = new Flatten(new Shape(1, 1));
        Assert.Throws<ArgumentNullException>(() => new Objective(null!, []));
        Assert.Throws<ArgumentNullException>(() => new Objective(() => 0, null!));
        Assert.Throws<ArgumentNullException>(() => Objective.ForLayer(null!, Tensor.Row(1), Tensor.Row(1)));
        Assert.Throws<ArgumentNullException>(() => Objective.ForLayer(layer, null!, Tensor.Row(1)));
        Assert.Throws<ArgumentNullException>(() => Objective.ForLayer(layer, Tensor.Row(1), (Tensor)null!));
        Assert.Throws<ArgumentNullException>(() => Objective.ForLayer(null!, Tensor.Row(1), MeanSquaredError.Instance, Tensor.Row(1)));
        Assert.Throws<ArgumentNullException>(() => Objective.ForLayer(layer, null!, MeanSquaredError.Instance, Tensor.Row(1)));
        Assert.Throws<ArgumentNullException>(() => Objective.ForLayer(layer, Tensor.Row(1), null!, Tensor.Row(1)));
        Assert.Throws<ArgumentNullException>(() => Objective.ForLayer(layer, Tensor.Row(1), MeanSquaredError.Instance, null!));
        Assert.Throws<ArgumentNullException>(() => Objective.ForLoss(null!, Tensor.Row(1), Tensor.Row(1)));
        Assert.Throws<ArgumentNullException>(() => Objective.ForLoss(MeanSquaredError.Instance, null!, Tensor.Row(1)));
        Assert.Throws<ArgumentNullException>(() => Objective.ForLoss(MeanSquaredError.Instance, Tensor.Row(1), null!));
        Assert.Throws<ArgumentNullException>(() => Objective.ForNetwork(null!, Tensor.Row(1), Tensor.Row(1)));
        Assert.Throws<ArgumentNullException>(() => Objective.ForNetwork(new Network(), null!, Tensor.Row(1)));
        Assert.Throws<ArgumentNullException>(() => Objective.ForNetwork(new Network(), Tensor.Row(1), null!));
    }

    [Fact]
    public void EveryConstructor_RefusesADropoutThatDrawsItsMask_NamingItself()
    {
        var dropout = new Dropout(new Shape(1, 2), 0.5, new Rng(1)) { IsTraining = true };
        const string why = "Dropout is training and draws a new mask at every forward, so E is not a function of the variables; fix its mask with SetMask, or turn training off.";
        Expect.Throws<ArgumentException>(() => Objective.ForLayer(dropout, Tensor.Row(1, 2), Tensor.Row(1, 1)), "Objective.ForLayer: " + why);
        Expect.Throws<ArgumentException>(() => Objective.ForLayer(dropout, Tensor.Row(1, 2), MeanSquaredError.Instance, Tensor.Row(0, 0)), "Objective.ForLayer: " + why);
        var network = new Network();
        network.Add(dropout);
        network.Use(MeanSquaredError.Instance);
        Expect.Throws<ArgumentException>(() => Objective.ForNetwork(network, Tensor.Row(1, 2), Tensor.Row(0, 0)), "Objective.ForNetwork: " + why);
    }

    [Fact]
    public void ADropoutWithAFixedMask_OrWithTrainingOff_IsAFunction_AndAccepted()
    {
        // Training with a fixed mask [1, 0]: Y = [2x₀, 0], E = Σ c ⊙ Y = 2·1·1 = 2. Training off: Y = X, E = 1 + 2 = 3.
        var fixedMask = new Dropout(new Shape(1, 2), 0.5, Tensor.Row(1, 0)) { IsTraining = true };
        Assert.Equal(2, Objective.ForLayer(fixedMask, Tensor.Row(1, 2), Tensor.Row(1, 1)).Evaluate());
        var off = new Dropout(new Shape(1, 2), 0.5, new Rng(1)) { IsTraining = false };
        Assert.Equal(3, Objective.ForLayer(off, Tensor.Row(1, 2), Tensor.Row(1, 1)).Evaluate());
    }

    [Fact]
    public void ForLayer_ThroughALoss_ListsTheInputErrorThenEachParametersError()
    {
        var layer = new FullyConnected(new Tensor(new Shape(1, 1), [2]), Tensor.Row(1));
        Objective objective = Objective.ForLayer(layer, Tensor.Row(3), MeanSquaredError.Instance, Tensor.Row(5));
        // y = 7, ∂E/∂y = 2·(7 − 5) = 4: inputError = 4·2 = 8, weightsError = 3·4 = 12, biasError = 4.
        Assert.Equal(["inputError", "weightsError", "biasError"], Array.ConvertAll([.. objective.Variables], v => v.DerivativeName));
        Assert.Equal([8.0, 12, 4], Array.ConvertAll([.. objective.Variables], v => v.Analytic.Span[0]));
    }

    [Fact]
    public void ForLoss_TheVariableIsTheOutput_AndItsDerivativeIsTheOutputError()
    {
        Objective objective = Objective.ForLoss(MeanSquaredError.Instance, Tensor.Row(1, 2), Tensor.Row(2, 2));
        CheckedVariable variable = Assert.Single(objective.Variables);
        Assert.Equal("mse", variable.Owner);
        Assert.Equal("outputError", variable.DerivativeName);
        Expect.Close([1, 0], variable.Analytic, 0); // 2·(2 − 1)/2, 2·(2 − 2)/2
    }
}
