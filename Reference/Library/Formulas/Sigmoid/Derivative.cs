using System.Numerics;

namespace ReferenceNN.Formulas;

public static partial class Sigmoid
{
    /// <summary>
    /// <c>f′(x) = f(x)(1 − f(x))</c>, computed as <c>u / (1 + u)²</c> with <c>u = e^(−|x|)</c>: the same function
    /// (f is symmetric, f(x)(1 − f(x)) = f(|x|)f(−|x|)), written so that it keeps its relative accuracy in the tails,
    /// where f(x) rounds to 1 and f(1 − f) would give 0 (from x ≈ 36.7 on).
    /// </summary>
    public static T Derivative<T>(T x) where T : IExponentialFunctions<T>
    {
        T u = Elementary.Exp(-T.Abs(x));
        T onePlusU = T.One + u;
        return u / (onePlusU * onePlusU);
    }
}
