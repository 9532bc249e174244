using System;
using System.Globalization;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using ReferenceNN.Verification.Exact;
using Xunit;
using F = ReferenceNN.Formulas;

namespace ReferenceNN.Verification.Support;

/// <summary>
/// The dual-number type itself: each tangent rule against exact (rational) or 200-bit values, and its value part
/// against the library's double (and float) computation, bit for bit, through every formula.
/// </summary>
public class DualTests
{
    public static class Cases
    {
        public static Arbitrary<FcCase> FcCase() => FormulaArbitraries.FcCase();

        public static Arbitrary<ConvCase> ConvCase() => FormulaArbitraries.ConvCase();

        public static Arbitrary<PoolCase> PoolCase() => FormulaArbitraries.PoolCase();

        public static Arbitrary<VectorCase> VectorCase() => FormulaArbitraries.VectorCase();

        public static Arbitrary<SoftmaxCase> SoftmaxCase() => FormulaArbitraries.SoftmaxCase();
    }

    private static Rng RandomFor(string name) => new(Streams.ForRun(name).Input);

    /// <summary>Doubles spread over the binades: ±m·2ᵉ, m uniform in [1, 2), e uniform in [low, high].</summary>
    private static double[] Spread(Rng random, int count, int low, int high, bool positive = false) =>
        Enumerable.Range(0, count).Select(_ =>
        {
            double magnitude = Math.ScaleB(1 + random.NextDouble(), random.Next(low, high + 1));
            return positive || random.Next(2) == 0 ? magnitude : -magnitude;
        }).ToArray();

    private static void WithinUlps(string rule, double x, BigFloat exact, double actual, double bound)
    {
        double ulps = Math.Abs(exact.UlpsTo(actual));
        Assert.True(ulps <= bound, string.Create(CultureInfo.InvariantCulture, $"{rule} at x = {x:R}: {actual:R} is {ulps} ulps from {exact} (bound {bound})"));
    }

    [Fact]
    public void Exp_ValueIsTheLibrarys_TangentIsTheValueTimesTheTangent_WithinOneUlpOfExp()
    {
        Rng random = RandomFor(nameof(Exp_ValueIsTheLibrarys_TangentIsTheValueTimesTheTangent_WithinOneUlpOfExp));
        foreach (double x in RandomValues.Uniform(400, random, -700, 700).Concat([0, -0.0, 1e-300, 1, -1, 709, -708]))
        {
            Dual<double> e = Dual<double>.Exp(Dual<double>.Variable(x));
            Assert.Equal(BitConverter.DoubleToInt64Bits(ReferenceNN.Elementary.Exp(x)), BitConverter.DoubleToInt64Bits(e.Value));
            WithinUlps("exp′", x, HighPrecision.Exp(BigFloat.Of(x)), e.Tangent, 1);
            Assert.Equal(e.Value * -3.5, Dual<double>.Exp(new Dual<double>(x, -3.5)).Tangent);
        }
    }

    [Fact]
    public void Log_ValueIsTheLibrarys_TangentIsOneOverX_CorrectlyRounded()
    {
        Rng random = RandomFor(nameof(Log_ValueIsTheLibrarys_TangentIsOneOverX_CorrectlyRounded));
        foreach (double x in Spread(random, 400, -1000, 1000, positive: true).Concat([1, 5e-324, double.MaxValue]))
        {
            Dual<double> log = Dual<double>.Log(Dual<double>.Variable(x));
            Assert.Equal(BitConverter.DoubleToInt64Bits(ReferenceNN.Elementary.Log(x)), BitConverter.DoubleToInt64Bits(log.Value));
            if (double.IsFinite(1 / x)) WithinUlps("ln′", x, BigFloat.Of(Rational.One / Rational.FromDouble(x)), log.Tangent, 0.5);
        }
    }

    [Fact]
    public void LogP1_ValueIsTheLibrarys_TangentIsOneOverOnePlusX_WithinOneAndAHalfUlps()
    {
        // 1/(1 + x): 1 + x rounds (≤ 2⁻⁵³ relative, ≤ 1 ulp of the quotient), the division ½ ulp
        Rng random = RandomFor(nameof(LogP1_ValueIsTheLibrarys_TangentIsOneOverOnePlusX_WithinOneAndAHalfUlps));
        double[] points = [.. RandomValues.Uniform(200, random, -1, 1), .. Spread(random, 200, -60, 60, positive: true), 0, -0.5, 1e-300];
        foreach (double x in points.Where(x => x > -1))
        {
            Dual<double> log = Dual<double>.LogP1(Dual<double>.Variable(x));
            Assert.Equal(BitConverter.DoubleToInt64Bits(ReferenceNN.Elementary.Log1P(x)), BitConverter.DoubleToInt64Bits(log.Value));
            WithinUlps("ln(1 + x)′", x, BigFloat.Of(Rational.One / (Rational.One + Rational.FromDouble(x))), log.Tangent, 1.5);
        }
    }

    /// <summary>
    /// sech²x as s², s = 2w/(1 + w²), w = e^(−|x|): w within 1 ulp (2 units of 2⁻⁵³); s is insensitive to w² (≤ ½ unit)
    /// and takes 1 unit for 1 + w² and 1 for the division: s within 4.5 units, s² within 9 and its rounding ½ ulp.
    /// Up to |x| = 350, where sech² ≈ 4e^(−700) is still a normal double; the tangent of 1 − tanh² would be 0 from 19.06 on.
    /// </summary>
    [Fact]
    public void Tanh_ValueIsTheLibrarys_TangentIsSechSquared_WithinNineAndAHalfUlps_ToTheFarTails()
    {
        Rng random = RandomFor(nameof(Tanh_ValueIsTheLibrarys_TangentIsSechSquared_WithinNineAndAHalfUlps_ToTheFarTails));
        double[] points = [.. RandomValues.Uniform(300, random, -40, 40), .. RandomValues.Uniform(100, random, -350, 350), 0, 1e-300, 19.06, 20, 40, -350];
        foreach (double x in points)
        {
            Dual<double> tanh = Dual<double>.Tanh(Dual<double>.Variable(x));
            Assert.Equal(BitConverter.DoubleToInt64Bits(ReferenceNN.Elementary.Tanh(x)), BitConverter.DoubleToInt64Bits(tanh.Value));
            WithinUlps("tanh′", x, HighPrecision.TanhDerivative(BigFloat.Of(x)), tanh.Tangent, 9.5);
        }
        Assert.Equal(0, 1 - Math.Tanh(20) * Math.Tanh(20)); // what the other rule would give
        Assert.True(Dual<double>.Tanh(Dual<double>.Variable(20)).Tangent > 1e-17);
    }

    /// <summary>The tangent of +, −, ×, ÷ in ulps of its terms' magnitude (|a′| + |b′|, |a·b′| + |a′·b|, (|a′| + |q·b′|)/|b|).</summary>
    [Fact]
    public void Arithmetic_Tangents_AreTheProductAndQuotientRules_WithinTheirTermsRounding()
    {
        Rng random = RandomFor(nameof(Arithmetic_Tangents_AreTheProductAndQuotientRules_WithinTheirTermsRounding));
        for (int n = 0; n < 500; n++)
        {
            double[] v = Spread(random, 4, -30, 30);
            var a = new Dual<double>(v[0], v[1]);
            var b = new Dual<double>(v[2], v[3]);
            Rational av = Rational.FromDouble(a.Value), at = Rational.FromDouble(a.Tangent), bv = Rational.FromDouble(b.Value), bt = Rational.FromDouble(b.Tangent);
            Assert.Equal((at + bt).ToDouble(), (a + b).Tangent);
            Assert.Equal((at - bt).ToDouble(), (a - b).Tangent);
            Assert.Equal((av * bv).ToDouble(), (a * b).Value);
            Assert.Equal((av / bv).ToDouble(), (a / b).Value);
            TermUlps("(a·b)′", at * bv + av * bt, (a * b).Tangent, Math.Abs(a.Value * b.Tangent) + Math.Abs(a.Tangent * b.Value), 1);
            double q = a.Value / b.Value;
            // q = a/b rounds (1 unit), q·b′ (1), a′ − q·b′ (1), the division (1): 4 units of the terms
            TermUlps("(a/b)′", (at * bv - av * bt) / (bv * bv), (a / b).Tangent, (Math.Abs(a.Tangent) + Math.Abs(q * b.Tangent)) / Math.Abs(b.Value), 4);
            Assert.Equal((-a).Tangent, -a.Tangent);
            Assert.Equal((a + Dual<double>.One).Tangent, (++a).Tangent);
        }
    }

    private static void TermUlps(string rule, Rational exact, double actual, double terms, double bound)
    {
        double error = Math.Abs((BigFloat.Of(Rational.FromDouble(actual) - exact) / BigFloat.UlpOfDouble(BigFloat.Of(terms))).ToDouble());
        Assert.True(error <= bound, string.Create(CultureInfo.InvariantCulture, $"{rule}: {actual:R} is {error} ulps of the terms {terms:R} from {exact.ToDouble():R}"));
    }

    [Fact]
    public void Abs_IsThePositivePartsSlope_WithTheLeftDerivativeAtZero()
    {
        Assert.Equal((2.0, 3.0), Parts(Dual<double>.Abs(new(2, 3))));
        Assert.Equal((2.0, -3.0), Parts(Dual<double>.Abs(new(-2, 3))));
        Assert.Equal((0.0, -3.0), Parts(Dual<double>.Abs(new(0, 3))));
        Assert.Equal((0.0, -3.0), Parts(Dual<double>.Abs(new(-0.0, 3))));
        Assert.Equal(0, BitConverter.DoubleToInt64Bits(Dual<double>.Abs(new(-0.0, 1)).Value)); // |−0| = +0, as for double
    }

    private static (double, double) Parts(Dual<double> x) => (x.Value, x.Tangent);

    [Fact]
    public void Comparisons_Classification_AndConversions_LookAtTheValueOnly()
    {
        var a = new Dual<double>(1, 5);
        var b = new Dual<double>(1, -3);
        Assert.True(a == b && a <= b && a >= b && !(a < b) && !(a > b) && !(a != b) && a.Equals(b) && a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(new Dual<double>(0.5, 9) < a && a > new Dual<double>(-1, 100));
        Assert.True(Dual<double>.IsZero(new(0, 1)) && Dual<double>.IsNaN(new(double.NaN, 0)) && !Dual<double>.IsNaN(new(0, double.NaN)));
        Assert.True(Dual<double>.IsNegative(new(-1, 1)) && Dual<double>.IsPositive(new(1, -1)) && Dual<double>.IsFinite(a));
        Assert.True(Dual<double>.IsInteger(new(3, 0.5)) && Dual<double>.IsEvenInteger(new(4, 0)) && Dual<double>.IsOddInteger(new(3, 0)));
        Assert.Equal((3.0, 0.0), Parts(Dual<double>.CreateChecked(3)));
        Assert.Equal((2.5, 0.0), Parts(Dual<double>.CreateChecked(2.5)));
        Assert.Equal((1.0, 5.0), Parts(Dual<double>.CreateChecked(a)));
        Assert.Equal(1.0, double.CreateChecked(a));
        Assert.Equal((1.5, 0.0), Parts(Dual<double>.Parse("1.5", CultureInfo.InvariantCulture)));
        Assert.True(Dual<double>.TryParse("-2", CultureInfo.InvariantCulture, out Dual<double> parsed) && parsed == new Dual<double>(-2, 7));
        Assert.False(Dual<double>.TryParse("x", CultureInfo.InvariantCulture, out _));
        Assert.Equal("1 + 5ε", a.ToString());
        Assert.Equal((1.0, 0.0), Parts(Dual<double>.One));
        Assert.Equal((0.0, 0.0), Parts(Dual<double>.Zero));
    }

    // ---- the value part is the double computation, bit for bit, through every formula ----

    private static bool SameBits(ReadOnlySpan<double> expected, ReadOnlySpan<Dual<double>> duals)
    {
        if (expected.Length != duals.Length) return false;
        for (int n = 0; n < expected.Length; n++)
        {
            if (BitConverter.DoubleToInt64Bits(expected[n]) != BitConverter.DoubleToInt64Bits(duals[n].Value)) return false;
        }
        return true;
    }

    /// <summary>Random tangents, so a value that depended on a tangent would show.</summary>
    private static Dual<double>[] WithTangents(double[] values, Rng random) => Duals.Of(values, RandomValues.Uniform(values.Length, random, -3, 3));

    [SeededProperty(MaxTest = 30, Arbitrary = [typeof(Cases)])]
    public bool FullyConnected_OnDuals_ValuesAreTheDoubleResultsBitForBit(FcCase c)
    {
        if (c.IsMnistSized) return true;
        var d = Formulas.FullyConnectedTests.Data.Draw(c);
        Rng t = c.Streams.DirectionRandom();
        var y = new double[c.OutputSize];
        var yd = new Dual<double>[c.OutputSize];
        F.FullyConnected.Forward<double>(d.X, d.W, d.B, y);
        F.FullyConnected.Forward<Dual<double>>(WithTangents(d.X, t), WithTangents(d.W, t), WithTangents(d.B, t), yd);
        (double[] dx, double[] dw, double[] db) = Formulas.FullyConnectedTests.Backward(d.X, d.W, d.C);
        var dxd = new Dual<double>[dx.Length];
        var dwd = new Dual<double>[dw.Length];
        var dbd = new Dual<double>[db.Length];
        F.FullyConnected.InputError<Dual<double>>(WithTangents(d.C, t), WithTangents(d.W, t), dxd);
        F.FullyConnected.WeightsError<Dual<double>>(WithTangents(d.X, t), WithTangents(d.C, t), dwd);
        F.FullyConnected.BiasError<Dual<double>>(WithTangents(d.C, t), dbd);
        return SameBits(y, yd) && SameBits(dx, dxd) && SameBits(dw, dwd) && SameBits(db, dbd);
    }

    [SeededProperty(MaxTest = 30, Arbitrary = [typeof(Cases)])]
    public bool Convolution_OnDuals_ValuesAreTheDoubleResultsBitForBit(ConvCase c)
    {
        if (c.IsMnistSized) return true;
        var d = Formulas.ConvolutionTests.Data.Draw(c);
        Rng t = c.Streams.DirectionRandom();
        var y = new double[c.OutputSize];
        var yd = new Dual<double>[c.OutputSize];
        F.Convolution.Forward<double>(d.X, c.InputShape, d.W, c.WeightsShape, d.B, y);
        F.Convolution.Forward<Dual<double>>(WithTangents(d.X, t), c.InputShape, WithTangents(d.W, t), c.WeightsShape, WithTangents(d.B, t), yd);
        (double[] dx, double[] dw, double[] db) = Formulas.ConvolutionTests.Backward(c, d.X, d.W, d.C);
        var dxd = new Dual<double>[dx.Length];
        var dwd = new Dual<double>[dw.Length];
        var dbd = new Dual<double>[db.Length];
        F.Convolution.InputError<Dual<double>>(WithTangents(d.C, t), WithTangents(d.W, t), c.WeightsShape, c.InputShape, dxd);
        F.Convolution.WeightsError<Dual<double>>(WithTangents(d.X, t), c.InputShape, WithTangents(d.C, t), c.WeightsShape, dwd);
        F.Convolution.BiasError<Dual<double>>(WithTangents(d.C, t), c.OutputHeight, c.OutputWidth, dbd);
        return SameBits(y, yd) && SameBits(dx, dxd) && SameBits(dw, dwd) && SameBits(db, dbd);
    }

    [SeededProperty(MaxTest = 30, Arbitrary = [typeof(Cases)])]
    public bool MaxPooling_OnDuals_ValuesAndMaximaAreTheDoubleResults(PoolCase c)
    {
        double[] x = c.Input();
        (double[] y, int[] argmax) = Formulas.MaxPoolingTests.ForwardOnDouble(c, x);
        var yd = new Dual<double>[c.OutputSize];
        var argmaxd = new int[c.OutputSize];
        F.MaxPooling.Forward<Dual<double>>(WithTangents(x, c.Streams.DirectionRandom()), c.InputShape, c.PoolHeight, c.PoolWidth,
            c.StrideHeight, c.StrideWidth, yd, argmaxd);
        return SameBits(y, yd) && argmax.SequenceEqual(argmaxd);
    }

    [SeededProperty(MaxTest = 40, Arbitrary = [typeof(Cases)])]
    public bool ElementwiseFormulas_OnDuals_ValuesAreTheDoubleResultsBitForBit(VectorCase c)
    {
        Rng t = c.Streams.DirectionRandom();
        double[] x = RandomValues.Uniform(c.Length, c.Streams.InputRandom(), -40, 40);
        double[] target = RandomValues.Uniform(c.Length, c.Streams.ParametersRandom(), 0, 1);
        double[] y = x.Select(F.Sigmoid.Function).ToArray();
        Dual<double>[] xd = WithTangents(x, t), yd = WithTangents(y, t), targetd = Duals.Of(target);
        bool activations = Enumerable.Range(0, c.Length).All(n =>
            Same(F.Tanh.Function(x[n]), F.Tanh.Function(xd[n])) && Same(F.Sigmoid.Function(x[n]), F.Sigmoid.Function(xd[n]))
            && Same(F.Softplus.Function(x[n]), F.Softplus.Function(xd[n])) && Same(F.ReLU.Function(x[n]), F.ReLU.Function(xd[n]))
            && Same(F.LeakyReLU.Function(x[n], 0.01), F.LeakyReLU.Function(xd[n], Dual<double>.Constant(0.01))));
        bool losses = Same(F.MeanSquaredError.Value<double>(target, y), F.MeanSquaredError.Value<Dual<double>>(targetd, yd))
            && Same(F.CrossEntropy.Value<double>(target, y), F.CrossEntropy.Value<Dual<double>>(targetd, yd))
            && Same(F.BinaryCrossEntropy.Value<double>(target, y), F.BinaryCrossEntropy.Value<Dual<double>>(targetd, yd));
        var dropped = new double[c.Length];
        var droppedd = new Dual<double>[c.Length];
        double[] mask = x.Select(value => value > 0 ? 1.0 : 0.0).ToArray();
        F.Dropout.Forward<double>(x, mask, 0.3, dropped);
        F.Dropout.Forward<Dual<double>>(xd, Duals.Of(mask), Dual<double>.Constant(0.3), droppedd);
        return activations && losses && SameBits(dropped, droppedd);
    }

    [SeededProperty(MaxTest = 40, Arbitrary = [typeof(Cases)])]
    public bool Softmax_OnDuals_ValuesAreTheDoubleResultsBitForBit(SoftmaxCase c)
    {
        double[] x = c.Input();
        double[] y = Formulas.SoftmaxTests.ForwardOnDouble(x);
        var yd = new Dual<double>[x.Length];
        F.Softmax.Forward<Dual<double>>(WithTangents(x, c.Streams.DirectionRandom()), yd);
        return SameBits(y, yd);
    }

    private static bool Same(double expected, Dual<double> dual) => BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(dual.Value);

    /// <summary>Generic over the float type: on <c>Dual&lt;float&gt;</c> the values are the float formulas' bits.</summary>
    [SeededProperty(MaxTest = 30, Arbitrary = [typeof(Cases)])]
    public bool FloatDuals_ValuesAreTheFloatResultsBitForBit(SoftmaxCase c)
    {
        float[] x = c.Input().Select(value => (float)(value / 25)).ToArray();
        float[] tangents = RandomValues.Uniform(x.Length, c.Streams.DirectionRandom()).Select(value => (float)value).ToArray();
        Dual<float>[] xd = x.Select((value, n) => new Dual<float>(value, tangents[n])).ToArray();
        var y = new float[x.Length];
        var yd = new Dual<float>[x.Length];
        F.Softmax.Forward<float>(x, y);
        F.Softmax.Forward<Dual<float>>(xd, yd);
        bool elementwise = Enumerable.Range(0, x.Length).All(n =>
            F.Tanh.Function(x[n]).Equals(F.Tanh.Function(xd[n]).Value) && F.Sigmoid.Function(x[n]).Equals(F.Sigmoid.Function(xd[n]).Value)
            && F.Softplus.Function(x[n]).Equals(F.Softplus.Function(xd[n]).Value));
        // and the tangent is the derivative, to float accuracy
        bool tangent = Enumerable.Range(0, x.Length).All(n =>
            Math.Abs(Dual<float>.Tanh(Dual<float>.Variable(x[n])).Tangent - F.Tanh.Derivative((double)x[n])) <= 1e-6 * F.Tanh.Derivative((double)x[n]));
        return y.Select((value, n) => value.Equals(yd[n].Value)).All(b => b) && elementwise && tangent;
    }
}
