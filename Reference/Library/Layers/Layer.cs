using System;
using System.Collections.Generic;

namespace ReferenceNN.Layers;

/// <summary>
/// The article's base class. A layer maps its input X to its output Y in <see cref="Forward"/>, and in
/// <see cref="Backward"/> maps outputError = ∂E/∂Y to inputError = ∂E/∂X, which is the previous layer's outputError.
/// A layer with parameters also stores ∂E/∂W and ∂E/∂B in <see cref="Parameters"/> and changes nothing until
/// <see cref="ApplyGradients"/>; <see cref="BackwardPropagation"/> is the article's literal composition of the two.
/// </summary>
/// <remarks>
/// <para><see cref="Forward"/>, <see cref="Backward"/> and <see cref="BackwardPropagation"/> compute with the literal
/// formulas (namespace <c>ReferenceNN.Formulas</c>). A network's training may use a layer's fast kernels instead
/// (<see cref="Kernels"/>), which tests hold to the same formulas bit for bit.</para>
/// <para>Buffers are reused: <see cref="Forward"/> returns the same <see cref="Tensor"/> object on every call
/// (overwritten by the next call), and so does <see cref="Backward"/>. Clone a result to keep it. The caller may change
/// a returned tensor: the layer keeps its own copy of what its backward pass needs (X, and Y where the formula needs
/// it), so <see cref="Backward"/> is still right. <see cref="Forward"/> copies its input.</para>
/// <para>Subclasses implement <see cref="ForwardCore"/> and, directly under it, <see cref="BackwardCore"/>; this class
/// checks every argument before either is called.</para>
/// <para>A layer is not safe for concurrent use: one thread at a time.</para>
/// </remarks>
public abstract class Layer
{
    private readonly Tensor _input;
    private readonly Tensor _output;
    private readonly Tensor _inputError;
    private bool _hasInput;

    /// <summary>Creates a layer that takes <paramref name="inputShape"/> and gives <paramref name="outputShape"/>.</summary>
    protected Layer(Shape inputShape, Shape outputShape)
    {
        InputShape = inputShape;
        OutputShape = outputShape;
        _input = new Tensor(inputShape);
        _output = new Tensor(outputShape);
        _inputError = new Tensor(inputShape);
    }

    /// <summary>The layer's name in messages, e.g. <c>FullyConnected</c>.</summary>
    public virtual string Name => GetType().Name;

    /// <summary>The shape of X.</summary>
    public Shape InputShape { get; }

    /// <summary>The shape of Y.</summary>
    public Shape OutputShape { get; }

    /// <summary>The layer's trainable parameters (empty for layers without any), each with its error.</summary>
    public virtual IReadOnlyList<Parameter> Parameters => Array.Empty<Parameter>();

    /// <summary>
    /// Whether the layer is training. Only <see cref="Dropout"/> behaves differently;
    /// <c>Network.Fit</c> turns it on and <c>Network.Predict</c> turns it off.
    /// </summary>
    public bool IsTraining { get; set; }

    /// <summary>The X of the last <see cref="Forward"/> (the layer's own copy).</summary>
    /// <exception cref="InvalidOperationException"><see cref="Forward"/> has not been called.</exception>
    public Tensor Input => _hasInput ? _input : throw NotYet(nameof(Input));

    /// <summary>The Y of the last <see cref="Forward"/>.</summary>
    /// <exception cref="InvalidOperationException"><see cref="Forward"/> has not been called.</exception>
    public Tensor Output => _hasInput ? _output : throw NotYet(nameof(Output));

    /// <summary>Computes Y for X and remembers X for <see cref="Backward"/>.</summary>
    /// <returns>The layer's output buffer, overwritten by the next call.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="input"/> is not shaped <see cref="InputShape"/>; the message names both shapes.</exception>
    public Tensor Forward(Tensor input)
    {
        RequireForward(input);
        ForwardCore(_input, _output);
        return _output;
    }

    /// <summary>
    /// Computes inputError = ∂E/∂X from outputError = ∂E/∂Y at the last <see cref="Forward"/>'s input, and stores
    /// each parameter's error. Parameters are not changed.
    /// </summary>
    /// <returns>The layer's inputError buffer, overwritten by the next call.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="outputError"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="outputError"/> is not shaped <see cref="OutputShape"/>.</exception>
    /// <exception cref="InvalidOperationException"><see cref="Forward"/> has not been called.</exception>
    public Tensor Backward(Tensor outputError)
    {
        RequireBackward(outputError, nameof(Backward));
        BackwardCore(outputError, _inputError);
        return _inputError;
    }

    /// <summary>
    /// The article's <c>backward_propagation(output_error, learning_rate)</c>: <see cref="Backward"/>, then
    /// <see cref="ApplyGradients"/>. inputError is computed with the parameters before the step, as in the article.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is not a finite number.</exception>
    /// <inheritdoc cref="Backward" path="/exception"/>
    public Tensor BackwardPropagation(Tensor outputError, double learningRate)
    {
        RequireFinite(learningRate, nameof(BackwardPropagation));
        RequireBackward(outputError, nameof(BackwardPropagation));
        BackwardCore(outputError, _inputError);
        StepParameters(learningRate);
        return _inputError;
    }

    /// <summary><see cref="Forward"/> computed by <paramref name="kernels"/>: the network's training and prediction path.</summary>
    internal Tensor ForwardBy(Tensor input, Kernels kernels)
    {
        if (kernels == Kernels.Literal) return Forward(input);
        RequireForward(input);
        FastForwardCore(_input, _output);
        return _output;
    }

    /// <summary>
    /// <see cref="BackwardPropagation"/> computed by <paramref name="kernels"/>: the network's training path. With the fast
    /// kernels and <paramref name="inputErrorNeeded"/> false (the first layer, whose ∂E/∂X training discards), a layer may
    /// leave its inputError buffer as it was; every parameter, parameter error and the step are computed as always.
    /// </summary>
    internal Tensor BackwardPropagationBy(Tensor outputError, double learningRate, Kernels kernels, bool inputErrorNeeded = true)
    {
        if (kernels == Kernels.Literal) return BackwardPropagation(outputError, learningRate);
        RequireFinite(learningRate, nameof(BackwardPropagation));
        RequireBackward(outputError, nameof(BackwardPropagation));
        FastBackwardPropagationCore(outputError, _inputError, learningRate, inputErrorNeeded);
        return _inputError;
    }

    /// <summary>Gradient descent on every parameter: θ ← θ − α·∂E/∂θ with the errors of the last <see cref="Backward"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is not a finite number.</exception>
    public void ApplyGradients(double learningRate)
    {
        RequireFinite(learningRate, nameof(ApplyGradients));
        StepParameters(learningRate);
    }

    /// <summary>Writes Y for X into <paramref name="output"/>. Both are the layer's own buffers, already checked.</summary>
    protected abstract void ForwardCore(Tensor input, Tensor output);

    /// <summary>
    /// Writes ∂E/∂X into <paramref name="inputError"/> and each parameter's error, given ∂E/∂Y; <see cref="Input"/>
    /// and <see cref="Output"/> hold the last forward pass. Arguments are already checked.
    /// </summary>
    protected abstract void BackwardCore(Tensor outputError, Tensor inputError);

    /// <summary>
    /// The fast kernel of <see cref="ForwardCore"/>, for training and prediction; by default <see cref="ForwardCore"/>
    /// itself. An override must give bit-identical results.
    /// </summary>
    private protected virtual void FastForwardCore(Tensor input, Tensor output) => ForwardCore(input, output);

    /// <summary>
    /// The fast kernel of <see cref="BackwardCore"/> followed by the gradient step on every parameter; by default exactly
    /// that. An override (typically fusing the two into one pass over the parameters) must give bit-identical results:
    /// ∂E/∂X from the parameters before the step, each parameter's error stored, and θ ← θ − α·∂E/∂θ as
    /// <see cref="Formulas.GradientDescent.Step{T}"/> computes it.
    /// </summary>
    private protected virtual void FastBackwardPropagationCore(Tensor outputError, Tensor inputError, double learningRate, bool inputErrorNeeded)
    {
        BackwardCore(outputError, inputError);
        StepParameters(learningRate);
    }

    /// <summary>
    /// Everything a forward or backward pass changes in the layer: its input, output and inputError buffers, whether it
    /// has an input, its mode, every parameter's value and error, and the layer's own state (<see cref="SaveState"/>).
    /// The checks take one before they run and put it back afterwards, even when they throw.
    /// </summary>
    internal LayerSnapshot Snapshot()
    {
        IReadOnlyList<Parameter> parameters = Parameters;
        var tensors = new Tensor[3 + 2 * parameters.Count];
        tensors[0] = _input.Clone();
        tensors[1] = _output.Clone();
        tensors[2] = _inputError.Clone();
        for (int n = 0; n < parameters.Count; n++)
        {
            tensors[3 + 2 * n] = parameters[n].Value.Clone();
            tensors[4 + 2 * n] = parameters[n].Error.Clone();
        }
        return new LayerSnapshot(this, tensors, _hasInput, IsTraining, SaveState());
    }

    internal void Restore(LayerSnapshot snapshot)
    {
        IReadOnlyList<Parameter> parameters = Parameters;
        snapshot.Tensors[0].CopyTo(_input);
        snapshot.Tensors[1].CopyTo(_output);
        snapshot.Tensors[2].CopyTo(_inputError);
        for (int n = 0; n < parameters.Count; n++)
        {
            snapshot.Tensors[3 + 2 * n].CopyTo(parameters[n].Value);
            snapshot.Tensors[4 + 2 * n].CopyTo(parameters[n].Error);
        }
        _hasInput = snapshot.HasInput;
        IsTraining = snapshot.IsTraining;
        RestoreState(snapshot.State);
    }

    /// <summary>A copy of the state a subclass keeps beyond its buffers and parameters (a mask, the positions of maxima), or null.</summary>
    private protected virtual object? SaveState() => null;

    /// <summary>Puts back what <see cref="SaveState"/> returned.</summary>
    private protected virtual void RestoreState(object? state) { }

    private void StepParameters(double learningRate)
    {
        IReadOnlyList<Parameter> parameters = Parameters;
        for (int n = 0; n < parameters.Count; n++) parameters[n].Step(learningRate);
    }

    private void RequireForward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Shape != InputShape)
        {
            throw new ArgumentException($"{Name}.Forward: input is {input.Shape} but the layer takes {InputShape}.", nameof(input));
        }
        input.Span.CopyTo(_input.Span);
        _hasInput = true;
    }

    private void RequireBackward(Tensor outputError, string operation)
    {
        ArgumentNullException.ThrowIfNull(outputError);
        if (outputError.Shape != OutputShape)
        {
            throw new ArgumentException(
                $"{Name}.{operation}: outputError is {outputError.Shape} but the layer gives {OutputShape}.", nameof(outputError));
        }
        if (!_hasInput) throw NotYet(operation);
    }

    private void RequireFinite(double learningRate, string operation)
    {
        if (!double.IsFinite(learningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate,
                $"{Name}.{operation}: the learning rate must be a finite number, not {learningRate}.");
        }
    }

    private InvalidOperationException NotYet(string what) =>
        new($"{Name}.{what}: Forward has not been called yet.");
}

/// <summary>What <see cref="Layer.Snapshot"/> saved; <see cref="Dispose"/> puts it back.</summary>
internal sealed class LayerSnapshot(Layer layer, Tensor[] tensors, bool hasInput, bool isTraining, object? state) : IDisposable
{
    internal Tensor[] Tensors { get; } = tensors;

    internal bool HasInput { get; } = hasInput;

    internal bool IsTraining { get; } = isTraining;

    internal object? State { get; } = state;

    /// <summary>Restores the layer.</summary>
    public void Dispose() => layer.Restore(this);
}

/// <summary>Snapshots of several layers, restored in reverse order by <see cref="Dispose"/>.</summary>
internal sealed class LayerSnapshots : IDisposable
{
    private readonly List<LayerSnapshot> _snapshots = [];

    internal LayerSnapshots(IEnumerable<Layer> layers)
    {
        foreach (Layer layer in layers) _snapshots.Add(layer.Snapshot());
    }

    /// <summary>Restores every layer.</summary>
    public void Dispose()
    {
        for (int n = _snapshots.Count - 1; n >= 0; n--) _snapshots[n].Dispose();
    }
}
