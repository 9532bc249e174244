using System.Numerics;

namespace ReferenceNN.Formulas;

public static partial class Tanh
{
    /// <summary>
    /// <c>f′(x) = 1 − tanh²x = sech²x</c>, computed as <c>4u / (1 + u)²</c> with <c>u = e^(−2|x|)</c>: the same function
    /// as the article's <c>1 − tanh(x)**2</c>, written so that it keeps its relative accuracy in the tails, where
    /// tanh x rounds to ±1 and 1 − tanh²x would give 0 (from |x| ≈ 19.06 on).
    /// </summary>
    public static T Derivative<T>(T x) where T : IExponentialFunctions<T>
    {
        T two = T.One + T.One;
        T u = Elementary.Exp(-(two * T.Abs(x)));
        T onePlusU = T.One + u;
        return two * two * u / (onePlusU * onePlusU);
    }
}
