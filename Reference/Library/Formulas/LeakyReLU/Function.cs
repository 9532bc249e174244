using System.Numerics;

namespace ReferenceNN.Formulas;

/// <summary>The leaky rectifier with slope α for x ≤ 0, and its derivative. Derivation: docs/Activations/LeakyReLU.md.</summary>
public static partial class LeakyReLU
{
    /// <summary><c>f(x) = x</c> for x &gt; 0, <c>α·x</c> otherwise.</summary>
    public static T Function<T>(T x, T alpha) where T : INumberBase<T>, IComparisonOperators<T, T, bool> =>
        x > T.Zero ? x : alpha * x;
}
