using System;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ReferenceNN.Activations;
using ReferenceNN.Checking;
using ReferenceNN.Layers;
using ReferenceNN.Losses;
using ReferenceNN.Networks;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Layers;

public class ActivationLayerTests
{
    [Fact]
    public void Forward_AppliesTheFunctionToEachElement()
    {
        var layer = new ActivationLayer(new Shape(1, 3), Tanh.Instance);
        Expect.Close([0, Math.Tanh(1), Math.Tanh(-2)], layer.Forward(Tensor.Row(0, 1, -2)), 0);
        Assert.Equal("ActivationLayer(tanh)", layer.Name);
        Assert.Empty(layer.Parameters);
        Assert.Same(Tanh.Instance, layer.Activation);
    }

    [Fact]
    public void Backward_IsDerivativeTimesOutputErrorElementWise()
    {
        var layer = new ActivationLayer(new Shape(1, 3), Tanh.Instance);
        layer.Forward(Tensor.Row(0, 1, -2));
        Tensor inputError = layer.Backward(Tensor.Row(0.5, -1, 2));
        double t1 = Math.Tanh(1), t2 = Math.Tanh(-2);
        Expect.Close([0.5 * 1, -1 * (1 - t1 * t1), 2 * (1 - t2 * t2)], inputError, 1e-15);
    }

    [Fact]
    public void Forward_WrongShape_MessageNamesBothShapes()
    {
        var layer = new ActivationLayer(new Shape(2, 2, 1), Tanh.Instance);
        Expect.Throws<ArgumentException>(() => layer.Forward(Tensor.Row(1, 2, 3, 4)),
            "ActivationLayer(tanh).Forward: input is 1×4 but the layer takes 2×2×1");
    }

    [Fact]
    public void Constructor_NullActivation_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new ActivationLayer(new Shape(1, 1), null!));
    }

    [Fact]
    public void BackwardPropagation_NoParameters_IsBackward()
    {
        var layer = new ActivationLayer(new Shape(1, 2), Tanh.Instance);
        layer.Forward(Tensor.Row(0.3, -0.2));
        Tensor viaBackward = layer.Backward(Tensor.Row(1, 2)).Clone();
        Expect.Bitwise(viaBackward, layer.BackwardPropagation(Tensor.Row(1, 2), 0.1));
    }

    public static TheoryData<string, double, Kernels> TrainingCases()
    {
        var cases = new TheoryData<string, double, Kernels>();
        foreach (Kernels kernels in new[] { Kernels.Literal, Kernels.Fast })
        {
            foreach ((string name, double bias) in new[] { ("tanh", 0.25), ("sigmoid", 0.25), ("relu", 0.25), ("relu", -1.0), ("leaky_relu", -1.0), ("softplus", 0.25) })
            {
                cases.Add(name, bias, kernels);
            }
        }
        return cases;
    }

    /// <summary>f(z) and f′(z) from System.Math, independently of the library's formulas.</summary>
    private static (Activation Activation, double F, double Slope) ByHand(string name, double z)
    {
        double s = 1 / (1 + Math.Exp(-z));
        return name switch
        {
            "tanh" => (Tanh.Instance, Math.Tanh(z), 1 - Math.Tanh(z) * Math.Tanh(z)),
            "sigmoid" => (Sigmoid.Instance, s, s * (1 - s)),
            "relu" => (ReLU.Instance, Math.Max(z, 0), z > 0 ? 1 : 0),
            "leaky_relu" => (new LeakyReLU(0.125), z > 0 ? z : 0.125 * z, z > 0 ? 1 : 0.125),
            _ => (Softplus.Instance, Math.Log(1 + Math.Exp(z)), s),
        };
    }

    [Theory]
    [MemberData(nameof(TrainingCases))]
    public void TrainSample_AfterADenseLayer_StepsByTheHandComputedGradient_WithEitherKernels(string name, double bias, Kernels kernels)
    {
        // x = 0.8 → dense (w = 0.5, b) → z → f → y, MSE against t = 0.1: ∂E/∂y = 2(y − t), ∂E/∂z = f′(z)·∂E/∂y,
        // ∂E/∂w = x·∂E/∂z, ∂E/∂b = ∂E/∂z; one step of α = 0.5.
        const double x = 0.8, w = 0.5, t = 0.1, alpha = 0.5;
        double z = w * x + bias;
        (Activation activation, double y, double slope) = ByHand(name, z);
        double dz = slope * (2 * (y - t));
        var dense = new FullyConnected(new Tensor(new Shape(1, 1), [w]), Tensor.Row(bias));
        var network = new Network { Kernels = kernels };
        network.Add(dense);
        network.Add(new ActivationLayer(new Shape(1, 1), activation));
        network.Use(MeanSquaredError.Instance);
        Expect.Close([y], network.Predict([Tensor.Row(x)])[0], 1e-15);
        Assert.Equal((y - t) * (y - t), network.TrainSample(Tensor.Row(x), Tensor.Row(t), alpha), 1e-15);
        Expect.Close([w - alpha * x * dz], dense.Weights, 1e-15);
        Expect.Close([bias - alpha * dz], dense.Bias, 1e-15);
    }

    [SeededProperty(MaxTest = 100)]
    public Property Backward_InputError_MatchesRichardsonDifferences(ShapeCase c)
    {
        GradientCheckReport report = GradientChecker.CheckLayer(new ActivationLayer(c.Shape, Tanh.Instance), c.Input(), c.Seed);
        WorstErrors.Record("ActivationLayer(tanh) through random upstream", report);
        return report.Passed.Label(report.ToString());
    }

    [SeededProperty(MaxTest = 100)]
    public Property Backward_TaylorRemainder_ShrinksAsEpsilonSquared(ShapeCase c)
    {
        TaylorReport report = TaylorTest.Run(
            Objective.ForLayer(new ActivationLayer(c.Shape, Tanh.Instance), c.Input(), MeanSquaredError.Instance, c.Target()), c.Seed);
        return report.Passed.Label(report.ToString());
    }
}
