using System;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using ReferenceNN.Verification.Exact;
using ReferenceNN.Verification.Support;
using F = ReferenceNN.Formulas.Flatten;

namespace ReferenceNN.Verification.Formulas;

/// <summary>Flatten's formulas (Reference/Library/Formulas/Flatten): a relabelling whose Jacobian is the identity.</summary>
public class FlattenTests
{
    public static class Cases
    {
        public static Arbitrary<VectorCase> VectorCase() => FormulaArbitraries.VectorCase();
    }

    public static readonly DualFormula Forward = (a, y) => F.Forward<Dual<double>>(a[0], y);

    public static double[] InputError(double[] dy)
    {
        var dx = new double[dy.Length];
        F.InputError<double>(dy, dx);
        return dx;
    }

    [SeededProperty(MaxTest = 50, Arbitrary = [typeof(Cases)])]
    public Property InputError_EveryElement_IsTheDualColumnDottedWithTheUpstream(VectorCase c)
    {
        double[] x = RandomValues.Uniform(c.Length, c.Streams.InputRandom()), dy = RandomValues.Uniform(c.Length, c.Streams.UpstreamRandom());
        return DualCheck.Columns(c.ToString(), Forward, [x], c.Length, 0, dy, InputError(dy), record: "Formulas/Flatten dual").ToProperty();
    }

    [SeededProperty(MaxTest = 50, Arbitrary = [typeof(Cases)])]
    public Property InputError_DotProductIdentity_HoldsForRandomUpstreamAndDirection(VectorCase c)
    {
        double[] x = RandomValues.Uniform(c.Length, c.Streams.InputRandom()), dy = RandomValues.Uniform(c.Length, c.Streams.UpstreamRandom());
        double[] v = RandomValues.Uniform(c.Length, c.Streams.DirectionRandom()), dx = InputError(dy);
        double scale = DualCheck.Scale(Forward, [x], [v], c.Length, dy, [dx], absoluteValues: false);
        return DualCheck.DotIdentity(c.ToString(), Forward, [x], [v], c.Length, dy, [dx], scale, "Formulas/Flatten dual dot identity").ToProperty();
    }

    [SeededProperty(MaxTest = 10, Arbitrary = [typeof(Cases)])]
    public Property InputError_RoundedToFloat_IsRejected(VectorCase c)
    {
        double[] x = RandomValues.Uniform(c.Length, c.Streams.InputRandom()), dy = RandomValues.Uniform(c.Length, c.Streams.UpstreamRandom());
        return (!DualCheck.Columns(c.ToString(), Forward, [x], c.Length, 0, dy, RandomValues.RoundedToFloat(InputError(dy))).Passed)
            .Label("a float32 ∂E/∂X passed");
    }

    [SeededProperty(MaxTest = 50, Arbitrary = [typeof(Cases)])]
    public Property ForwardAndInputError_AreExactCopies(VectorCase c)
    {
        double[] x = RandomValues.Uniform(c.Length, c.Streams.InputRandom()), dy = RandomValues.Uniform(c.Length, c.Streams.UpstreamRandom());
        var y = new double[c.Length];
        F.Forward<double>(x, y);
        return Verdict.All(Agreement.Exactly($"{c}: Forward", y, ExactFormulas.Of(x)),
            Agreement.Exactly($"{c}: InputError", InputError(dy), ExactFormulas.Of(dy))).ToProperty();
    }
}
