using System;
using System.Collections.Generic;
using ReferenceNN.Layers;
using ReferenceNN.Losses;

namespace ReferenceNN.Networks;

/// <summary>
/// The article's Network: an ordered list of layers and a loss, trained by per-sample gradient descent.
/// For each epoch and each sample: forward through every layer, add E to the epoch error, then pass
/// ∂E/∂Y backward through the layers in reverse order, each updating its own parameters.
/// Derivation: docs/Networks/Network.md.
/// </summary>
/// <remarks>
/// <see cref="Forward"/>, <see cref="Backward"/> and <see cref="ComputeGradients"/> (the oracle's operations) compute
/// with the literal formulas; <see cref="Fit"/>, <see cref="TrainSample"/> and <see cref="Predict"/> with
/// <see cref="Kernels"/>, by default the fast kernels, which tests hold to the literal formulas bit for bit.
/// A network is not safe for concurrent use: one thread at a time.
/// </remarks>
public sealed class Network
{
    private readonly List<Layer> _layers = [];
    private Tensor? _outputError;

    /// <summary>The layers, in order.</summary>
    public IReadOnlyList<Layer> Layers => _layers;

    /// <summary>
    /// Which code <see cref="Fit"/>, <see cref="TrainSample"/> and <see cref="Predict"/> compute with; default
    /// <see cref="ReferenceNN.Kernels.Fast"/>. Both choices give bit-identical results.
    /// </summary>
    public Kernels Kernels { get; set; } = Kernels.Fast;

    /// <summary>The loss set by <see cref="Use"/>, or null before.</summary>
    public Loss? Loss { get; private set; }

    /// <summary>The shape of one input sample (the first layer's input).</summary>
    /// <exception cref="InvalidOperationException">The network has no layers.</exception>
    public Shape InputShape => First("InputShape").InputShape;

    /// <summary>The shape of one output (the last layer's output).</summary>
    /// <exception cref="InvalidOperationException">The network has no layers.</exception>
    public Shape OutputShape => Last("OutputShape").OutputShape;

    /// <summary>Appends a layer. Its input must be shaped like the previous layer's output.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="layer"/> is null.</exception>
    /// <exception cref="ArgumentException">The shapes do not chain (the message names the layer and both shapes), or the layer is already in the network.</exception>
    public void Add(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        int existing = _layers.IndexOf(layer);
        if (existing >= 0)
        {
            throw new ArgumentException(
                $"Network.Add: this {layer.Name} is already layer {existing}; a layer holds one input and one set of errors, so it cannot appear twice (create another).",
                nameof(layer));
        }
        if (_layers.Count > 0 && _layers[^1].OutputShape != layer.InputShape)
        {
            throw new ArgumentException(
                $"Network.Add: layer {_layers.Count} ({layer.Name}) takes {layer.InputShape} " +
                $"but layer {_layers.Count - 1} ({_layers[^1].Name}) gives {_layers[^1].OutputShape}.", nameof(layer));
        }
        _layers.Add(layer);
    }

    /// <summary>Sets the loss (the article's <c>use(loss, loss_prime)</c>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="loss"/> is null.</exception>
    public void Use(Loss loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        Loss = loss;
    }

    /// <summary>
    /// One sample forward through every layer, in the layers' current mode (see <see cref="Layer.IsTraining"/>).
    /// </summary>
    /// <returns>The last layer's output buffer, overwritten by the next call.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="input"/> is not shaped <see cref="InputShape"/>.</exception>
    /// <exception cref="InvalidOperationException">The network has no layers.</exception>
    public Tensor Forward(Tensor input)
    {
        First(nameof(Forward));
        Tensor output = input;
        foreach (Layer layer in _layers) output = layer.Forward(output);
        return output;
    }

    /// <summary>One outputError backward through every layer, in reverse order, without changing parameters.</summary>
    /// <returns>inputError = ∂E/∂X of the first layer (its buffer).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="outputError"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="outputError"/> is not shaped <see cref="OutputShape"/>.</exception>
    /// <exception cref="InvalidOperationException">The network has no layers, or <see cref="Forward"/> has not run.</exception>
    public Tensor Backward(Tensor outputError)
    {
        Last(nameof(Backward));
        Tensor error = outputError;
        for (int n = _layers.Count - 1; n >= 0; n--) error = _layers[n].Backward(error);
        return error;
    }

    /// <summary>
    /// Forward, loss and backward for one sample with the literal formulas, without changing any parameter: afterwards
    /// each layer's <see cref="Layer.Parameters"/> hold ∂E/∂W and ∂E/∂B. The layers compute in their current mode
    /// (<see cref="Layer.IsTraining"/>; only dropout differs), which this method does not change.
    /// </summary>
    /// <returns>E and inputError = ∂E/∂X (the first layer's buffer).</returns>
    /// <exception cref="InvalidOperationException">The network has no layers or no loss.</exception>
    /// <exception cref="ArgumentException">A shape is wrong; the message names both shapes.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public (double Error, Tensor InputError) ComputeGradients(Tensor input, Tensor target)
    {
        First(nameof(ComputeGradients));
        Loss loss = RequireLoss(nameof(ComputeGradients));
        Tensor output = Forward(input);
        double error = loss.Value(target, output);
        Tensor outputError = loss.Derivative(target, output);
        return (error, Backward(outputError));
    }

    /// <summary>
    /// Predicts each sample with training off (dropout is the identity), computed with <see cref="Kernels"/>; the
    /// results are new tensors. Every layer's mode is restored afterwards, even when this throws.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> or one of its samples is null.</exception>
    /// <exception cref="ArgumentException">A sample is not shaped <see cref="InputShape"/>.</exception>
    /// <exception cref="InvalidOperationException">The network has no layers.</exception>
    public Tensor[] Predict(IReadOnlyList<Tensor> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        Shape inputShape = First(nameof(Predict)).InputShape;
        RequireSamples(nameof(Predict), nameof(inputs), inputs, inputShape, "takes");
        bool[] modes = SaveModes();
        try
        {
            SetTraining(false);
            var outputs = new Tensor[inputs.Count];
            for (int n = 0; n < inputs.Count; n++) outputs[n] = ForwardBy(inputs[n], Kernels).Clone();
            return outputs;
        }
        finally
        {
            RestoreModes(modes);
        }
    }

    /// <summary>
    /// The article's <c>fit</c>: per-sample gradient descent for <paramref name="epochs"/> epochs with training on,
    /// computed with <see cref="Kernels"/>. Every sample's shape is checked before the first update, so a bad sample
    /// changes nothing; every layer's mode is restored afterwards, even when this throws.
    /// </summary>
    /// <param name="inputs">The samples, each shaped <see cref="InputShape"/>.</param>
    /// <param name="targets">The targets, one per sample, each shaped <see cref="OutputShape"/>.</param>
    /// <param name="epochs">The number of passes over the samples, at least 1.</param>
    /// <param name="learningRate">α in W ← W − α·∂E/∂W, a finite number.</param>
    /// <param name="onEpoch">Called after each epoch with its mean error (the library prints nothing).</param>
    /// <returns>Each epoch's mean error.</returns>
    /// <exception cref="InvalidOperationException">The network has no layers or no loss (call <see cref="Use"/> first).</exception>
    /// <exception cref="ArgumentNullException">An argument or a sample is null.</exception>
    /// <exception cref="ArgumentException">There are no samples, the counts differ, or a sample's shape is wrong.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epochs"/> is below 1 or <paramref name="learningRate"/> is not finite.</exception>
    public double[] Fit(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> targets, int epochs, double learningRate,
        Action<EpochReport>? onEpoch = null)
    {
        First(nameof(Fit));
        Loss loss = RequireLoss(nameof(Fit));
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (inputs.Count == 0) throw new ArgumentException("Network.Fit: there are no samples.", nameof(inputs));
        if (inputs.Count != targets.Count)
        {
            throw new ArgumentException($"Network.Fit: {inputs.Count} inputs but {targets.Count} targets.", nameof(targets));
        }
        RequireSamples(nameof(Fit), nameof(inputs), inputs, InputShape, "takes");
        RequireSamples(nameof(Fit), nameof(targets), targets, OutputShape, "gives");
        if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, $"Network.Fit: epochs must be at least 1, not {epochs}.");
        if (!double.IsFinite(learningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate,
                $"Network.Fit: the learning rate must be a finite number, not {learningRate}.");
        }

        var epochErrors = new double[epochs];
        bool[] modes = SaveModes();
        SetTraining(true);
        try
        {
            for (int epoch = 0; epoch < epochs; epoch++)
            {
                double err = 0;
                for (int sample = 0; sample < inputs.Count; sample++)
                {
                    err += TrainStep(loss, inputs[sample], targets[sample], learningRate);
                }
                err /= inputs.Count;
                epochErrors[epoch] = err;
                onEpoch?.Invoke(new EpochReport(epoch + 1, epochs, err));
            }
        }
        finally
        {
            RestoreModes(modes);
        }
        return epochErrors;
    }

    /// <summary>
    /// One step of the article's per-sample gradient descent, the body of <see cref="Fit"/>'s loop: forward, E,
    /// ∂E/∂Y, then <see cref="Layer.BackwardPropagation"/> through the layers in reverse order, computed with
    /// <see cref="Kernels"/>. The layers stay in their current mode (<see cref="SetTraining"/>). Allocates nothing: the
    /// outputError buffer is the network's own.
    /// </summary>
    /// <returns>E for this sample, computed before the update (what <see cref="Fit"/> averages into the epoch error).</returns>
    /// <exception cref="InvalidOperationException">The network has no layers or no loss.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A shape is wrong; the message names both shapes.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is not a finite number.</exception>
    public double TrainSample(Tensor input, Tensor target, double learningRate)
    {
        First(nameof(TrainSample));
        Loss loss = RequireLoss(nameof(TrainSample));
        if (!double.IsFinite(learningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate,
                $"Network.TrainSample: the learning rate must be a finite number, not {learningRate}.");
        }
        return TrainStep(loss, input, target, learningRate);
    }

    /// <summary>Turns every layer's training mode on or off (only dropout behaves differently).</summary>
    public void SetTraining(bool training)
    {
        foreach (Layer layer in _layers) layer.IsTraining = training;
    }

    private double TrainStep(Loss loss, Tensor input, Tensor target, double learningRate)
    {
        Tensor output = ForwardBy(input, Kernels);
        double error = loss.Value(target, output);
        if (_outputError?.Shape != output.Shape) _outputError = new Tensor(output.Shape);
        loss.Derivative(target, output, _outputError);
        Tensor backward = _outputError;
        for (int n = _layers.Count - 1; n >= 0; n--)
        {
            backward = _layers[n].BackwardPropagationBy(backward, learningRate, Kernels, inputErrorNeeded: n > 0);
        }
        return error;
    }

    /// <summary>The forward pass through every layer; each caller has already checked that there is one.</summary>
    private Tensor ForwardBy(Tensor input, Kernels kernels)
    {
        Tensor output = input;
        foreach (Layer layer in _layers) output = layer.ForwardBy(output, kernels);
        return output;
    }

    private bool[] SaveModes()
    {
        var modes = new bool[_layers.Count];
        for (int n = 0; n < modes.Length; n++) modes[n] = _layers[n].IsTraining;
        return modes;
    }

    private void RestoreModes(bool[] modes)
    {
        for (int n = 0; n < modes.Length; n++) _layers[n].IsTraining = modes[n];
    }

    private Loss RequireLoss(string operation) =>
        Loss ?? throw new InvalidOperationException($"Network.{operation}: no loss is set; call Use(loss) first.");

    private Layer First(string operation) => _layers.Count > 0
        ? _layers[0]
        : throw new InvalidOperationException($"Network.{operation}: the network has no layers; call Add(layer) first.");

    private Layer Last(string operation)
    {
        First(operation);
        return _layers[^1];
    }

    private static void RequireSamples(string operation, string what, IReadOnlyList<Tensor> samples, Shape shape, string verb)
    {
        for (int n = 0; n < samples.Count; n++)
        {
            Tensor sample = samples[n] ?? throw new ArgumentNullException(what, $"Network.{operation}: {what}[{n}] is null.");
            if (sample.Shape != shape)
            {
                throw new ArgumentException($"Network.{operation}: {what}[{n}] is {sample.Shape} but the network {verb} {shape}.", what);
            }
        }
    }
}
