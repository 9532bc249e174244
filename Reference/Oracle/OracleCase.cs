using ReferenceNN.Networks;
using System.Collections.Generic;
using ReferenceNN.Layers;
using ReferenceNN.Losses;

namespace ReferenceNN.Oracle;

/// <summary>One layer of a case file, with what the case said about it beyond the layer itself.</summary>
public sealed class CaseLayer
{
    internal CaseLayer(string type, Layer layer, Shape? biasShape = null, double? dropoutRate = null, bool hasMask = false)
    {
        Type = type;
        Layer = layer;
        BiasShape = biasShape;
        DropoutRate = dropoutRate;
        HasMask = hasMask;
    }

    /// <summary>The case's <c>type</c>: dense, activation, softmax, conv, maxpool, flatten or dropout.</summary>
    public string Type { get; }

    /// <summary>The library layer built from it.</summary>
    public Layer Layer { get; }

    /// <summary>The bias shape as the case gave it (1×j or j; k or 1×k), so gradients come back in the same shape.</summary>
    public Shape? BiasShape { get; }

    /// <summary>A dropout layer's rate as given (a dropout without a mask is built as the identity).</summary>
    public double? DropoutRate { get; }

    /// <summary>Whether a dropout layer was given a mask.</summary>
    public bool HasMask { get; }
}

/// <summary>The optional <c>train</c> part of a case: samples stacked on the first axis, epochs and learning rate.</summary>
/// <param name="Inputs">One tensor per sample, each shaped like the network's input.</param>
/// <param name="Targets">One tensor per sample, each shaped like the network's output.</param>
/// <param name="Epochs">At least 1.</param>
/// <param name="LearningRate">A finite number.</param>
public sealed record TrainSpec(Tensor[] Inputs, Tensor[] Targets, int Epochs, double LearningRate);

/// <summary>
/// A parsed <c>referencenn/case@1</c> file: a network with its weights, a loss, one input and its target, and
/// optionally a training set. Every layer is in training mode, so a dropout with a mask applies it.
/// </summary>
public sealed class OracleCase
{
    internal OracleCase(string file, IReadOnlyList<CaseLayer> layers, Network network, Loss loss, Tensor input, Tensor target, TrainSpec? train)
    {
        File = file;
        Layers = layers;
        Network = network;
        Loss = loss;
        Input = input;
        Target = target;
        Train = train;
    }

    /// <summary>The case file's path.</summary>
    public string File { get; }

    /// <summary>The layers, in order.</summary>
    public IReadOnlyList<CaseLayer> Layers { get; }

    /// <summary>The network, with its loss set.</summary>
    public Network Network { get; }

    /// <summary>The loss.</summary>
    public Loss Loss { get; }

    /// <summary>The one sample whose output, loss and derivatives <c>refnn grad</c> reports.</summary>
    public Tensor Input { get; }

    /// <summary>Its target, shaped like the network's output.</summary>
    public Tensor Target { get; }

    /// <summary>The training set, or null.</summary>
    public TrainSpec? Train { get; }

    /// <summary>The memory the case was charged as it was read, with its limits and the files read.</summary>
    internal Budget Budget { get; init; } = new(Limits.Default);

    /// <summary>The sizes and work of the case, as estimated while it was read.</summary>
    internal CaseCost Cost => Budget.Cost;
}
