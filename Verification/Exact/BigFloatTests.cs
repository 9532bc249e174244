using System;
using System.Numerics;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Exact;

/// <summary>
/// The high-precision evaluator against constants computed independently (Python's decimal module, 70 digits:
/// <c>Decimal(2).ln()</c>, <c>Decimal(1).exp()</c>, …): each must agree to 1e-55 relative, far below a double's 1e-16.
/// </summary>
public class BigFloatTests
{
    private static BigFloat Decimal(string digits)
    {
        // "d.ddd…E±n" or "d.ddd…"
        int e = digits.IndexOf('E', StringComparison.Ordinal);
        int exponent = e < 0 ? 0 : int.Parse(digits[(e + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        string mantissa = e < 0 ? digits : digits[..e];
        int point = mantissa.IndexOf('.', StringComparison.Ordinal);
        string integer = mantissa.Replace(".", "", StringComparison.Ordinal);
        int scale = mantissa.Length - point - 1 - exponent;
        Rational value = scale >= 0 ? Rational.Of(BigInteger.Parse(integer), BigInteger.Pow(10, scale)) : Rational.Of(BigInteger.Parse(integer) * BigInteger.Pow(10, -scale), 1);
        return BigFloat.Of(value);
    }

    private static void Agrees(string reference, BigFloat actual)
    {
        BigFloat expected = Decimal(reference);
        double relative = ((actual - expected) / expected).Abs().ToDouble();
        Assert.True(relative < 1e-55, $"{actual} differs from {reference} by {relative} relative");
    }

    [Fact]
    public void Constants_AndFunctions_AgreeWithSeventyDigitDecimalValues()
    {
        Agrees("0.6931471805599453094172321214581765680755001343602552541206800094933936", HighPrecision.Ln2);
        Agrees("2.718281828459045235360287471352662497757247093699959574966967627724077", HighPrecision.Exp(BigFloat.One));
        Agrees("2.302585092994045684017991454684364207601101488628772976033327900967573", HighPrecision.Log(BigFloat.Of(10)));
        Agrees("0.4621171572600097585023184836436725487302892803301130385527318158380810", HighPrecision.Tanh(BigFloat.Of(0.5)));
        Agrees("4.248354255291588995329234782858658017879565554166446288050818918926033E-18", HighPrecision.Exp(BigFloat.Of(-40)));
        Agrees("1.014232054735004509455329595231267615204679572243073348780536281249352E+304", HighPrecision.Exp(BigFloat.Of(700)));
        Agrees("9.999999999999999999950000000000000000000333333333333333333330833333333E-21", HighPrecision.Log1P(BigFloat.Of(Rational.Of(1, BigInteger.Pow(10, 20)))));
        Agrees("1.699341702116635583692882810380141920666576247530354213863838134959117E-17", HighPrecision.TanhDerivative(BigFloat.Of(20)));
        Agrees("9.357622968839736779377697424675157721618086919819316249226199791328339E-14", HighPrecision.Softplus(BigFloat.Of(-30)));
    }

    [Fact]
    public void Identities_HoldToFarBelowADoublesPrecision()
    {
        var random = new Rng(Streams.ForRun(nameof(Identities_HoldToFarBelowADoublesPrecision)).Input);
        foreach (double x in RandomValues.Uniform(50, random, -300, 300))
        {
            BigFloat bx = BigFloat.Of(x);
            Assert.True(((HighPrecision.Log(HighPrecision.Exp(bx)) - bx) / bx).Abs().ToDouble() < 1e-50, $"ln(e^x) at {x}");
            BigFloat t = HighPrecision.Tanh(bx), d = HighPrecision.TanhDerivative(bx);
            if (Math.Abs(x) < 15) Assert.True(((BigFloat.One - t * t - d) / d).Abs().ToDouble() < 1e-45, $"1 − tanh² = sech² at {x}");
            BigFloat s = HighPrecision.Sigmoid(bx);
            Assert.True(((s + HighPrecision.Sigmoid(-bx) - BigFloat.One)).Abs().ToDouble() < 1e-55, $"σ(x) + σ(−x) = 1 at {x}");
            BigFloat y = bx.ScaleB(-80); // eˣ − 1 = y + y²/2 + y³/6 + …: the cancellation-free series must keep y²/2
            Assert.True(((HighPrecision.ExpM1(y) - y - (y * y).ScaleB(-1)) / (y * y * y)).ToDouble() is > 0.16 and < 0.17, $"expm1 at {x}·2^−80");
        }
    }

    [Fact]
    public void ToDouble_RoundsToNearestEven_AndUlpsAreMeasuredAtTheExactValue()
    {
        Assert.Equal(1.0 / 3, (BigFloat.One / BigFloat.Of(3)).ToDouble());
        Assert.Equal(5e-324, BigFloat.Of(Rational.Of(3, BigInteger.One << 1076)).ToDouble());
        Assert.Equal(0.0, BigFloat.Of(Rational.Of(1, BigInteger.One << 1075)).ToDouble());
        Assert.Equal(double.PositiveInfinity, BigFloat.One.ScaleB(1024).ToDouble());
        Assert.Equal(1.0, BigFloat.Of(1).UlpsTo(Math.BitIncrement(1.0)), 10);
        Assert.Equal(-0.5, BigFloat.Of(Rational.Of(3, 1) + Rational.FromDouble(Math.ScaleB(1, -52))).UlpsTo(3), 10);
        Assert.True(double.IsNaN(BigFloat.One.UlpsTo(double.NaN)));
    }
}
