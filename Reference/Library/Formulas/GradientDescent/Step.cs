using System;
using System.Numerics;

namespace ReferenceNN.Formulas;

/// <summary>The article's update. Derivation: docs/Layers/Parameter.md.</summary>
public static class GradientDescent
{
    /// <summary><c>θ ← θ − α·∂E/∂θ</c>, element by element: <c>θ_n ← θ_n − (α·g_n)</c>.</summary>
    /// <exception cref="ArgumentException">The parameter and its error differ in length.</exception>
    public static void Step<T>(Span<T> parameter, ReadOnlySpan<T> error, T learningRate)
        where T : INumberBase<T>
    {
        Require.Length("GradientDescent.Step", nameof(error), error.Length, parameter.Length, "the parameter");
        for (int n = 0; n < parameter.Length; n++)
        {
            parameter[n] -= learningRate * error[n];
        }
    }
}
