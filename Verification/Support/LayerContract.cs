using System;
using FsCheck;
using FsCheck.Fluent;
using ReferenceNN.Checking;
using ReferenceNN.Layers;
using ReferenceNN.Losses;

namespace ReferenceNN.Verification.Support;

/// <summary>The properties every layer must have, shared by the layer test files.</summary>
public static class LayerContract
{
    /// <summary>inputError and every parameter's error match Richardson differences through E = Σ c ⊙ Y with c drawn from <paramref name="seed"/>.</summary>
    public static Property GradientsMatch(string name, Layer layer, Tensor input, int seed)
    {
        GradientCheckReport report = GradientChecker.CheckLayer(layer, input, seed);
        WorstErrors.Record(name, report);
        return report.Passed.Label(report.ToString());
    }

    /// <summary>The Taylor remainder through MSE towards a random target shrinks as ε².</summary>
    public static Property TaylorHolds(Layer layer, Tensor input, int seed)
    {
        Tensor target = RandomTensor.Uniform(layer.OutputShape, new Rng(seed ^ 0x7a67));
        TaylorReport report = TaylorTest.Run(Objective.ForLayer(layer, input, MeanSquaredError.Instance, target), seed);
        return report.Passed.Label(report.ToString());
    }

    /// <summary>⟨Ȳ, L(X)⟩ = ⟨Lᵀ(Ȳ), X⟩ for X ↦ Layer(X), with Ȳ drawn from <paramref name="seed"/>.</summary>
    public static Property InputAdjointHolds(Layer layer, Tensor input, int seed)
    {
        AdjointReport report = AdjointTest.ForInput(layer, input, GradientChecker.RandomUpstream(layer.OutputShape, new Rng(seed)));
        return report.Passed.Label(report.ToString());
    }

    /// <summary>⟨Ȳ, L(θ)⟩ = ⟨Lᵀ(Ȳ), θ⟩ for θ ↦ Layer(X; θ), θ being parameter <paramref name="index"/>.</summary>
    public static Property ParameterAdjointHolds(Layer layer, int index, Tensor input, int seed)
    {
        AdjointReport report = AdjointTest.ForParameter(layer, index, input, GradientChecker.RandomUpstream(layer.OutputShape, new Rng(seed)));
        return report.Passed.Label(report.ToString());
    }

    /// <summary>
    /// Forward does not change its input; Backward changes no parameter; and one literal BackwardPropagation
    /// equals Backward followed by θ ← θ − α·∂E/∂θ, bit for bit. <paramref name="make"/> must build identical layers.
    /// </summary>
    public static Property StepInvariantsHold(Func<Layer> make, Tensor input, int seed)
    {
        Layer literal = make(), split = make();
        Tensor upstream = GradientChecker.RandomUpstream(literal.OutputShape, new Rng(seed));
        const double learningRate = 0.37;
        Tensor inputCopy = input.Clone();

        literal.Forward(input);
        bool inputUnchanged = input.BitwiseEquals(inputCopy);
        Tensor literalInputError = literal.BackwardPropagation(upstream, learningRate).Clone();

        split.Forward(input);
        var before = new Tensor[split.Parameters.Count];
        for (int n = 0; n < before.Length; n++) before[n] = split.Parameters[n].Value.Clone();
        Tensor splitInputError = split.Backward(upstream).Clone();
        bool parametersUnchanged = true, stepMatches = true;
        for (int n = 0; n < before.Length; n++)
        {
            Parameter parameter = split.Parameters[n];
            parametersUnchanged &= parameter.Value.BitwiseEquals(before[n]);
            Tensor expected = before[n].Clone();
            for (int e = 0; e < expected.Length; e++) expected.Span[e] -= learningRate * parameter.Error.Span[e];
            stepMatches &= literal.Parameters[n].Value.BitwiseEquals(expected);
            stepMatches &= literal.Parameters[n].Error.BitwiseEquals(parameter.Error);
        }
        return inputUnchanged.Label("Forward changed its input")
            .And(parametersUnchanged.Label("Backward changed a parameter"))
            .And(stepMatches.Label("BackwardPropagation is not Backward + step"))
            .And(literalInputError.BitwiseEquals(splitInputError).Label("BackwardPropagation's inputError differs from Backward's"));
    }

    /// <summary>
    /// A layer reuses its buffers from sample to sample, so nothing may carry over: after a first Forward and Backward
    /// on other numbers, a second pair gives bit for bit what a fresh layer gives. (A buffer that is accumulated into
    /// but not cleared fails this.) <paramref name="make"/> must build identical layers.
    /// </summary>
    public static Property NoStateCarriesOver(Func<Layer> make, Tensor input, int seed)
    {
        Layer used = make(), fresh = make();
        var random = new Rng(seed ^ 0x2b1d);
        Tensor otherInput = input.Clone();
        for (int n = 0; n < otherInput.Length; n++) otherInput.Span[n] += 0.25 * (random.NextDouble() - 0.5);
        used.Forward(otherInput);
        used.Backward(GradientChecker.RandomUpstream(used.OutputShape, random));

        Tensor upstream = GradientChecker.RandomUpstream(fresh.OutputShape, new Rng(seed));
        bool outputSame = used.Forward(input).BitwiseEquals(fresh.Forward(input));
        bool inputErrorSame = used.Backward(upstream).BitwiseEquals(fresh.Backward(upstream));
        bool parameterErrorsSame = true;
        for (int n = 0; n < fresh.Parameters.Count; n++)
        {
            parameterErrorsSame &= used.Parameters[n].Error.BitwiseEquals(fresh.Parameters[n].Error);
        }
        return outputSame.Label("the output depends on an earlier sample")
            .And(inputErrorSame.Label("inputError depends on an earlier sample"))
            .And(parameterErrorsSame.Label("a parameter's error depends on an earlier sample"));
    }
}
