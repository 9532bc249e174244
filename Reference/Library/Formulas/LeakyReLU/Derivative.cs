using System.Numerics;

namespace ReferenceNN.Formulas;

public static partial class LeakyReLU
{
    /// <summary><c>f′(x) = 1</c> for x &gt; 0, <c>α</c> otherwise: at the kink x = 0 the left derivative α, as PyTorch.</summary>
    public static T Derivative<T>(T x, T alpha) where T : INumberBase<T>, IComparisonOperators<T, T, bool> =>
        x > T.Zero ? T.One : alpha;
}
