using System.Numerics;

namespace ReferenceNN.Formulas;

/// <summary>The article's activation and its derivative. Derivation: docs/Activations/Tanh.md.</summary>
public static partial class Tanh
{
    /// <summary><c>f(x) = tanh x</c>, correctly rounded for double and float (<see cref="Elementary.Tanh{T}"/>).</summary>
    public static T Function<T>(T x) where T : IHyperbolicFunctions<T> => Elementary.Tanh(x);
}
