using System.Numerics;

namespace ReferenceNN.Formulas;

public static partial class ReLU
{
    /// <summary><c>f′(x) = 1</c> for x &gt; 0, <c>0</c> otherwise: at the kink x = 0 the left derivative 0, as PyTorch.</summary>
    public static T Derivative<T>(T x) where T : INumberBase<T>, IComparisonOperators<T, T, bool> =>
        x > T.Zero ? T.One : T.Zero;
}
