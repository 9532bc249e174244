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
}
