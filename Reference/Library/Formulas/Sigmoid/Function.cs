using System.Numerics;

namespace ReferenceNN.Formulas;

/// <summary>The logistic sigmoid and its derivative. Derivation: docs/Activations/Sigmoid.md.</summary>
public static partial class Sigmoid
{
    /// <summary>
    /// <c>f(x) = 1 / (1 + e⁻ˣ)</c>, computed as written for x ≥ 0 and as the equal <c>eˣ / (1 + eˣ)</c> for x &lt; 0, so
    /// that e⁻ˣ never overflows.
    /// </summary>
    public static T Function<T>(T x) where T : IExponentialFunctions<T>, IComparisonOperators<T, T, bool>
    {
        if (x >= T.Zero) return T.One / (T.One + Elementary.Exp(-x));
        T e = Elementary.Exp(x);
        return e / (T.One + e);
    }
}
