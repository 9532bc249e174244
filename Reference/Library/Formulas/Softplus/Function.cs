using System.Numerics;

namespace ReferenceNN.Formulas;

/// <summary>Softplus and its derivative. Derivation: docs/Activations/Softplus.md.</summary>
public static partial class Softplus
{
    /// <summary>
    /// <c>f(x) = ln(1 + eˣ)</c>, computed as the equal <c>max(x, 0) + ln(1 + e^(−|x|))</c> (with a correctly rounded
    /// ln(1 + ·)), so that eˣ never overflows and a small e^(−|x|) keeps its digits.
    /// </summary>
    public static T Function<T>(T x)
        where T : IExponentialFunctions<T>, ILogarithmicFunctions<T>, IComparisonOperators<T, T, bool>
    {
        T positivePart = x > T.Zero ? x : T.Zero;
        return positivePart + Elementary.Log1P(Elementary.Exp(-T.Abs(x)));
    }
}
