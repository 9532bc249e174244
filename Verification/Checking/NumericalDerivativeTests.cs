using System;
using ReferenceNN.Checking;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Checking;

public class NumericalDerivativeTests
{
    [Fact]
    public void Step_IsScaleTimesMaxOfOneAndAbsX()
    {
        Assert.Equal(1e-3, NumericalDerivative.Step(0.5));
        Assert.Equal(1e-3, NumericalDerivative.Step(-1));
        Assert.Equal(4e-3, NumericalDerivative.Step(-4), 1e-18);
        Assert.Equal(2e-5, NumericalDerivative.Step(2, 1e-5), 1e-20);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Step_BadScale_Throws(double scale)
    {
        Expect.Throws<ArgumentOutOfRangeException>(() => NumericalDerivative.Step(1, scale), "the scale must be a positive finite number");
    }

    [Fact]
    public void Step_NonFiniteX_Throws()
    {
        Expect.Throws<ArgumentOutOfRangeException>(() => NumericalDerivative.Step(double.NaN), "x must be finite");
    }

    [Fact]
    public void Central_IsExactForAQuadratic_AndHasErrorHSquaredOverSixTimesThirdDerivativeForACubic()
    {
        // f = 3x² + x: central differences are exact for any quadratic.
        Assert.Equal(6 * 0.7 + 1, NumericalDerivative.Central(x => 3 * x * x + x, 0.7, 0.1), 1e-13);
        // f = x³: D(h) = 3x² + h², i.e. error f‴h²/6 with f‴ = 6.
        Assert.Equal(3 * 0.49 + 0.01, NumericalDerivative.Central(x => x * x * x, 0.7, 0.1), 1e-13);
    }

    [Fact]
    public void Richardson_CancelsTheHSquaredTerm()
    {
        // f = x³ has no h⁴ term: Richardson is exact, where central is off by h².
        Assert.Equal(3 * 0.49, NumericalDerivative.Richardson(x => x * x * x, 0.7, 0.1), 1e-13);
        // f = x⁵: D(h) = 5x⁴ + 10x²h² + h⁴, so Richardson leaves (4·(h/2)⁴ − h⁴)/3 = −h⁴/4.
        double h = 0.1, x0 = 0.7;
        Assert.Equal(5 * Math.Pow(x0, 4) - Math.Pow(h, 4) / 4, NumericalDerivative.Richardson(x => Math.Pow(x, 5), x0, h), 1e-12);
    }

    [Fact]
    public void Estimate_OnSine_RichardsonIsFarMoreAccurateThanCentral()
    {
        double central = Math.Abs(NumericalDerivative.Estimate(Math.Sin, 1, DifferenceMethod.Central) - Math.Cos(1));
        double richardson = Math.Abs(NumericalDerivative.Estimate(Math.Sin, 1, DifferenceMethod.Richardson) - Math.Cos(1));
        // central: h²/6·|cos 1| ≈ 9e-8; Richardson: rounding only, ≈ 1e-13
        Assert.InRange(central, 5e-8, 2e-7);
        Assert.True(richardson < 1e-11, $"Richardson error {richardson}");
        Expect.Throws<ArgumentOutOfRangeException>(() => NumericalDerivative.Estimate(Math.Sin, 1, (DifferenceMethod)7), "unknown method");
    }

    [Fact]
    public void Central_BadArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => NumericalDerivative.Central(null!, 1, 0.1));
        Expect.Throws<ArgumentOutOfRangeException>(() => NumericalDerivative.Central(Math.Sin, 1, 0), "the step must be a positive finite number");
        Expect.Throws<ArgumentOutOfRangeException>(() => NumericalDerivative.Central(Math.Sin, 1, double.NaN), "the step must be a positive finite number");
    }

    [Fact]
    public void Central_DividesByTheDistanceActuallyTaken()
    {
        // At x = 1e8, x ± h round to the grid of 1.5e-8: dividing by 2h would misstate the slope of f(v) = v.
        double x = 1e8 + 0.3, h = 3.7e-3;
        Assert.NotEqual(1, ((x + h) - (x - h)) / (2 * h));
        Assert.Equal(1, NumericalDerivative.Central(v => v, x, h));
    }

    [Fact]
    public void Ridders_OnSmoothFunctions_IsAccurateToAboutTheRoundingOfF_AndItsErrorEstimateCoversIt()
    {
        // exp at 0.3, sin at 1, 1/x at 0.05 (close to its pole, where a fixed step struggles), tanh at 9 (a tail).
        foreach ((Func<double, double> f, double x, double exact, double bound) in new (Func<double, double>, double, double, double)[]
                 {
                     (Math.Exp, 0.3, Math.Exp(0.3), 1e-12),
                     (Math.Sin, 1, Math.Cos(1), 1e-12),
                     (v => 1 / v, 0.05, -400, 1e-10),
                     (Math.Tanh, 9, 4 * Math.Exp(-18) / Math.Pow(1 + Math.Exp(-18), 2), 1e-5),
                 })
        {
            double estimate = NumericalDerivative.Ridders(f, x, NumericalDerivative.Step(x), out double error);
            double actual = Math.Abs(estimate - exact);
            Assert.True(actual <= bound * Math.Abs(exact), $"f'({x}) ≈ {estimate}, exact {exact}, error {actual:E3}");
            Assert.True(actual <= 10 * error + 1e-15 * Math.Abs(exact), $"error {actual:E3} above ten times its estimate {error:E3}");
        }
    }

    [Fact]
    public void Ridders_OnALine_IsExactWithZeroError_AndIsTheDefaultMethod()
    {
        Assert.Equal(2.0, NumericalDerivative.Ridders(v => 2 * v, 0, 1e-3, out double error));
        Assert.Equal(0, error);
        Assert.Equal(Math.Cos(1), NumericalDerivative.Estimate(Math.Sin, 1), 1e-12);
        Assert.Throws<ArgumentNullException>(() => NumericalDerivative.Ridders(null!, 0, 1e-3, out _));
    }

    /// <summary>
    /// Numerical Recipes' <c>dfridr</c> (Press et al., 2nd ed., §5.7), transcribed from the book with CON = 1.4,
    /// NTAB = 10, SAFE = 2, and the library's central difference (divided by the distance actually taken).
    /// </summary>
    private static double Dfridr(Func<double, double> f, double x, double h, out double err)
    {
        const double con = 1.4, con2 = con * con, safe = 2;
        const int ntab = 10;
        var a = new double[ntab, ntab];
        double hh = h;
        a[0, 0] = NumericalDerivative.Central(f, x, hh);
        err = double.MaxValue;
        double ans = a[0, 0];
        for (int i = 1; i < ntab; i++)
        {
            hh /= con;
            a[0, i] = NumericalDerivative.Central(f, x, hh);
            double fac = con2;
            for (int j = 1; j <= i; j++)
            {
                a[j, i] = (a[j - 1, i] * fac - a[j - 1, i - 1]) / (fac - 1);
                fac = con2 * fac;
                double errt = Math.Max(Math.Abs(a[j, i] - a[j - 1, i]), Math.Abs(a[j, i] - a[j - 1, i - 1]));
                if (errt <= err)
                {
                    err = errt;
                    ans = a[j, i];
                }
            }
            if (Math.Abs(a[i, i] - a[i - 1, i - 1]) >= safe * err) break;
        }
        return ans;
    }

    [Theory]
    [InlineData("exp", 0.3)]
    [InlineData("sin", 1.1)]
    [InlineData("cube", -0.7)]
    [InlineData("log", 2.5)]
    public void Ridders_IsNumericalRecipesDfridr_ValueAndErrorBitForBit(string name, double x)
    {
        Func<double, double> f = name switch
        {
            "exp" => Math.Exp,
            "sin" => Math.Sin,
            "cube" => v => v * v * v,
            _ => Math.Log,
        };
        double h = NumericalDerivative.Step(x);
        double expected = Dfridr(f, x, h, out double expectedError);
        Assert.Equal(expected, NumericalDerivative.Ridders(f, x, h, out double error));
        Assert.Equal(expectedError, error);
    }

    [Fact]
    public void Ridders_TwoEntriesEquallyClose_TheLaterOneWins_AsInDfridr()
    {
        // A function whose central differences at the first three steps h, h/1.4, h/1.4² are exactly 0, 1, 0 (an odd
        // function, slope 0, 1, 0 at those points). With c² = 1.4·1.4 as the tableau computes it, the first
        // extrapolation is A11 = c²/(c² − 1), and its larger distance to a neighbour, A11 − 0, is the error so far; the
        // next, A12 = (0·c² − 1)/(c² − 1), is exactly as far from its neighbours, 1 − A12 = A11 in doubles too. dfridr's
        // `errt <= err` takes the later entry on such a tie; then |A22 − A11| ≥ 2·err stops the search.
        double[] steps = [1, 1 / 1.4, 1 / 1.4 / 1.4];
        double[] slopes = [0, 1, 0];
        Func<double, double> f = v => slopes[Array.IndexOf(steps, Math.Abs(v))] * v;
        const double c2 = 1.4 * 1.4;
        double later = -1 / (c2 - 1), earlier = c2 / (c2 - 1);
        Assert.NotEqual(later, earlier);
        Assert.Equal(later, NumericalDerivative.Ridders(f, 0, 1, out double error));
        Assert.Equal(earlier, error);
        Assert.Equal(later, Dfridr(f, 0, 1, out double dfridrError));
        Assert.Equal(earlier, dfridrError);
    }

    [Fact]
    public void Ridders_OnALine_StopsAfterTheFirstExtrapolation()
    {
        // Every central difference of a line is the same, so the first extrapolation already agrees with its
        // neighbours exactly (error 0) and the diagonal does not move: |0| ≥ 2·0 stops the search at four evaluations.
        int evaluations = 0;
        Assert.Equal(2.0, NumericalDerivative.Ridders(v => { evaluations++; return 2 * v; }, 0, 1e-3, out double error));
        Assert.Equal(0, error);
        Assert.Equal(4, evaluations);
    }
}
