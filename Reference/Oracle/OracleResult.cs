using System;
using System.Collections.Generic;
using ReferenceNN.Layers;

namespace ReferenceNN.Oracle;

/// <summary>The derivatives of one layer's parameters, or none for a layer without any.</summary>
/// <param name="Type">The case's layer type.</param>
/// <param name="WeightsGradient">∂E/∂W, shaped like the weights; null when the layer has none.</param>
/// <param name="BiasGradient">∂E/∂B, shaped like the bias as the case gave it; null when the layer has none.</param>
public sealed record LayerGradients(string Type, Tensor? WeightsGradient, Tensor? BiasGradient);

/// <summary>
/// Everything <c>refnn grad</c> reports for a case: the output Y, the loss E, ∂E/∂X and every layer's ∂E/∂W and
/// ∂E/∂B, at the case's weights, for its one input and target. Docs: docs/Oracle.md.
/// </summary>
public sealed class OracleResult
{
    /// <summary>Creates a result from its parts (as read from another implementation's file, for instance).</summary>
    public OracleResult(Tensor output, double loss, Tensor inputGradient, IReadOnlyList<LayerGradients> layers)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(inputGradient);
        ArgumentNullException.ThrowIfNull(layers);
        Output = output;
        Loss = loss;
        InputGradient = inputGradient;
        Layers = layers;
    }

    /// <summary>Y, the network's output.</summary>
    public Tensor Output { get; }

    /// <summary>E, the loss of Y against the target.</summary>
    public double Loss { get; }

    /// <summary>∂E/∂X, shaped like the input.</summary>
    public Tensor InputGradient { get; }

    /// <summary>One entry per layer, in order.</summary>
    public IReadOnlyList<LayerGradients> Layers { get; }

    /// <summary>Computes the result of a case without changing its network's parameters.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="oracleCase"/> is null.</exception>
    public static OracleResult Compute(OracleCase oracleCase)
    {
        ArgumentNullException.ThrowIfNull(oracleCase);
        (double loss, Tensor inputError) = oracleCase.Network.ComputeGradients(oracleCase.Input, oracleCase.Target);
        var layers = new List<LayerGradients>(oracleCase.Layers.Count);
        foreach (CaseLayer caseLayer in oracleCase.Layers)
        {
            IReadOnlyList<Parameter> parameters = caseLayer.Layer.Parameters;
            layers.Add(parameters.Count == 0
                ? new LayerGradients(caseLayer.Type, null, null)
                : new LayerGradients(caseLayer.Type, parameters[0].Error.Clone(), new Tensor(caseLayer.BiasShape!.Value, parameters[1].Error.Span)));
        }
        return new OracleResult(oracleCase.Network.Layers[^1].Output.Clone(), loss, inputError.Clone(), layers);
    }
}
