using System.Numerics;

namespace ReferenceNN.Formulas;

public static partial class Softplus
{
    /// <summary><c>f′(x) = 1 / (1 + e⁻ˣ)</c>: the sigmoid, <see cref="Sigmoid.Function{T}"/>.</summary>
    public static T Derivative<T>(T x) where T : IExponentialFunctions<T>, IComparisonOperators<T, T, bool> =>
        Sigmoid.Function(x);
}
