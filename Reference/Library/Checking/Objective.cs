using ReferenceNN.Networks;
using System;
using System.Collections.Generic;
using ReferenceNN.Layers;
using ReferenceNN.Losses;

namespace ReferenceNN.Checking;

/// <summary>
/// One tensor a scalar objective depends on, with the analytic derivative of the objective with respect to it.
/// <see cref="Values"/> is the tensor the objective reads, so changing an element changes the objective.
/// </summary>
/// <param name="Owner">Who owns the tensor, e.g. <c>FullyConnected</c> or <c>layer 2 (FullyConnected)</c>.</param>
/// <param name="DerivativeName">The derivative's name in the library's vocabulary, e.g. <c>inputError</c> or <c>weightsError</c>.</param>
/// <param name="Values">The variable itself.</param>
/// <param name="Analytic">∂E/∂(variable) as the code under test computed it, shaped like <see cref="Values"/>.</param>
public sealed record CheckedVariable(string Owner, string DerivativeName, Tensor Values, Tensor Analytic);

/// <summary>
/// A scalar objective E and the variables it depends on, each with its analytic derivative, as the checks
/// (<see cref="GradientChecker"/>, <see cref="TaylorTest"/>) consume them. Built for a layer seen through a fixed
/// upstream gradient (E = Σ c ⊙ Y), a layer seen through a loss, a loss alone, or a whole network.
/// </summary>
public sealed class Objective
{
    private readonly Func<double> _evaluate;

    /// <summary>Creates an objective from a function and its variables.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public Objective(Func<double> evaluate, IReadOnlyList<CheckedVariable> variables)
    {
        ArgumentNullException.ThrowIfNull(evaluate);
        ArgumentNullException.ThrowIfNull(variables);
        _evaluate = evaluate;
        Variables = variables;
    }

    /// <summary>The variables, input first, then each layer's parameters in order.</summary>
    public IReadOnlyList<CheckedVariable> Variables { get; }

    /// <summary>E at the variables' current values.</summary>
    public double Evaluate() => _evaluate();

    /// <summary>
    /// A layer seen through a fixed upstream gradient c: E = Σ c ⊙ Layer(X), so ∂E/∂Y = c, and the analytic
    /// derivatives are what <see cref="Layer.Backward"/> returns and stores for outputError = c.
    /// The variables are a copy of the input and the layer's own parameter tensors.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The input is not shaped like the layer's input, or the upstream gradient like its output; nothing has run.</exception>
    public static Objective ForLayer(Layer layer, Tensor input, Tensor upstream)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(upstream);
        RequireFunction(layer, "Objective.ForLayer");
        Tensor.RequireShape("Objective.ForLayer", nameof(input), input, layer.InputShape);
        Tensor.RequireShape("Objective.ForLayer", nameof(upstream), upstream, layer.OutputShape);
        Tensor x = input.Clone();
        layer.Forward(x);
        Tensor inputError = layer.Backward(upstream).Clone();
        var variables = new List<CheckedVariable> { new(layer.Name, "inputError", x, inputError) };
        AddParameters(variables, layer.Name, layer);
        Tensor c = upstream.Clone();
        return new Objective(() => Dot(c, layer.Forward(x)), variables);
    }

    /// <summary>A layer seen through a loss: E = loss(target, Layer(X)).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The input is not shaped like the layer's input, or the target like its output; nothing has run.</exception>
    public static Objective ForLayer(Layer layer, Tensor input, Loss loss, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(target);
        RequireFunction(layer, "Objective.ForLayer");
        Tensor.RequireShape("Objective.ForLayer", nameof(input), input, layer.InputShape);
        Tensor.RequireShape("Objective.ForLayer", nameof(target), target, layer.OutputShape);
        Tensor x = input.Clone(), t = target.Clone();
        Tensor outputError = loss.Derivative(t, layer.Forward(x));
        Tensor inputError = layer.Backward(outputError).Clone();
        var variables = new List<CheckedVariable> { new(layer.Name, "inputError", x, inputError) };
        AddParameters(variables, layer.Name, layer);
        return new Objective(() => loss.Value(t, layer.Forward(x)), variables);
    }

    /// <summary>A loss alone: E = loss(target, Y) as a function of the output Y; its derivative is outputError.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public static Objective ForLoss(Loss loss, Tensor target, Tensor output)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(output);
        Tensor y = output.Clone(), t = target.Clone();
        var variables = new[] { new CheckedVariable(loss.Name, "outputError", y, loss.Derivative(t, y)) };
        return new Objective(() => loss.Value(t, y), variables);
    }

    /// <summary>
    /// A whole network through its loss: E = loss(target, Network(X)), with the analytic derivatives of
    /// <see cref="Network.ComputeGradients"/>. The variables are a copy of the input and every layer's parameters.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A shape does not fit the network.</exception>
    /// <exception cref="InvalidOperationException">The network has no layers or no loss.</exception>
    public static Objective ForNetwork(Network network, Tensor input, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        foreach (Layer layer in network.Layers) RequireFunction(layer, "Objective.ForNetwork");
        Tensor x = input.Clone(), t = target.Clone();
        (_, Tensor inputError) = network.ComputeGradients(x, t);
        var variables = new List<CheckedVariable> { new("network", "inputError", x, inputError.Clone()) };
        for (int n = 0; n < network.Layers.Count; n++)
        {
            AddParameters(variables, $"layer {n} ({network.Layers[n].Name})", network.Layers[n]);
        }
        Loss loss = network.Loss!;
        return new Objective(() => loss.Value(t, network.Forward(x)), variables);
    }

    /// <summary>
    /// Refuses a dropout layer that draws a new mask at every training forward: E would then change from one evaluation
    /// to the next at the same point, so it has no derivative to check.
    /// </summary>
    private static void RequireFunction(Layer layer, string operation)
    {
        if (layer is Dropout { IsTraining: true, IsMaskFixed: false })
        {
            throw new ArgumentException(
                $"{operation}: {layer.Name} is training and draws a new mask at every forward, so E is not a function of the variables; " +
                "fix its mask with SetMask, or turn training off.", nameof(layer));
        }
    }

    private static void AddParameters(List<CheckedVariable> variables, string owner, Layer layer)
    {
        foreach (Parameter parameter in layer.Parameters)
        {
            variables.Add(new CheckedVariable(owner, parameter.Name + "Error", parameter.Value, parameter.Error.Clone()));
        }
    }

    /// <summary>Σ_n a_n·b_n, in order.</summary>
    internal static double Dot(Tensor a, Tensor b)
    {
        ReadOnlySpan<double> x = a.Span, y = b.Span;
        double sum = 0;
        for (int n = 0; n < x.Length; n++) sum += x[n] * y[n];
        return sum;
    }
}
