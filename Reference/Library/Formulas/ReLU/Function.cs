using System.Numerics;

namespace ReferenceNN.Formulas;

/// <summary>The rectifier and its derivative. Derivation: docs/Activations/ReLU.md.</summary>
public static partial class ReLU
{
    /// <summary><c>f(x) = max(0, x)</c>: x for x &gt; 0, 0 otherwise (so f(−0) = +0), and NaN for NaN.</summary>
    public static T Function<T>(T x) where T : INumberBase<T>, IComparisonOperators<T, T, bool>
    {
        if (T.IsNaN(x)) return x;
        return x > T.Zero ? x : T.Zero;
    }
}
