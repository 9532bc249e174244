using System;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using ReferenceNN.Verification.Exact;
using ReferenceNN.Verification.Support;
using F = ReferenceNN.Formulas.GradientDescent;

namespace ReferenceNN.Verification.Formulas;

/// <summary>The update θ ← θ − α·g (Reference/Library/Formulas/GradientDescent): its Jacobian from dual numbers, and its values exactly.</summary>
public class GradientDescentTests
{
    public static class Cases
    {
        public static Arbitrary<VectorCase> VectorCase() => FormulaArbitraries.VectorCase();
    }

    /// <summary>The step on dual numbers, arguments θ, g, [α], writing the new θ.</summary>
    public static readonly DualFormula Step = (a, output) =>
    {
        a[0].CopyTo(output, 0);
        F.Step<Dual<double>>(output, a[1], a[2][0]);
    };

    /// <summary>∂θ′_n/∂θ_m = δ_nm, ∂θ′_n/∂g_m = −α·δ_nm, ∂θ′_n/∂α = −g_n: with upstream c the gradients are c, −α·c and −⟨c, g⟩.</summary>
    [SeededProperty(MaxTest = 40, Arbitrary = [typeof(Cases)])]
    public Property Step_Jacobian_IsIdentityMinusAlphaAndMinusG(VectorCase c)
    {
        double[] theta = RandomValues.Uniform(c.Length, c.Streams.ParametersRandom());
        double[] g = RandomValues.Uniform(c.Length, c.Streams.InputRandom());
        double alpha = 0.5 * c.Streams.DirectionRandom().NextDouble();
        double[] dy = RandomValues.Uniform(c.Length, c.Streams.UpstreamRandom());
        double[][] arguments = [theta, g, [alpha]];
        return Verdict.All(
            DualCheck.Columns($"{c}: ∂/∂θ", Step, arguments, c.Length, 0, dy, dy),
            DualCheck.Columns($"{c}: ∂/∂g", Step, arguments, c.Length, 1, dy, dy.Select(value => -alpha * value).ToArray()),
            DualCheck.Columns($"{c}: ∂/∂α", Step, arguments, c.Length, 2, dy, [-dy.Select((value, n) => value * g[n]).Sum()])).ToProperty();
    }

    /// <summary>θ, g, α dyadic a·2⁻ᵉ with |a| &lt; 2¹⁰, e ≤ 10: α·g and θ − α·g are multiples of 2⁻²⁰ below 2²¹, exact.</summary>
    [SeededProperty(MaxTest = 40, Arbitrary = [typeof(Cases)])]
    public Property Step_OnDyadicValues_IsExact(VectorCase c)
    {
        double[] theta = RandomValues.Dyadic(c.Length, c.Streams.ParametersRandom()), g = RandomValues.Dyadic(c.Length, c.Streams.InputRandom());
        double alpha = RandomValues.Dyadic(1, c.Streams.DirectionRandom())[0];
        Rational[] expected = ExactFormulas.Step(ExactFormulas.Of(theta), ExactFormulas.Of(g), Rational.FromDouble(alpha));
        F.Step<double>(theta, g, alpha);
        return Agreement.Exactly(c.ToString(), theta, expected).ToProperty();
    }
}
