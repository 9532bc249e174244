using System;

namespace ReferenceNN.Checking;

/// <summary>How <see cref="NumericalDerivative"/> estimates a derivative.</summary>
public enum DifferenceMethod
{
    /// <summary>Central difference D(h) = (f(x+h) − f(x−h)) / 2h; error O(h²).</summary>
    Central,

    /// <summary>Richardson extrapolation of central differences, (4·D(h/2) − D(h)) / 3; error O(h⁴).</summary>
    Richardson,

    /// <summary>
    /// Ridders' method: central differences at steps shrinking by 1.4, extrapolated to h = 0 in a Neville tableau,
    /// stopping where the estimates stop improving, with an estimate of its own error.
    /// </summary>
    Ridders,
}

/// <summary>
/// Numerical derivatives of a scalar function of one variable, the independent second opinion the analytic derivatives
/// are checked against. The (first) step is scaled to the value: <c>h = scale·max(1, |x|)</c>, with <c>scale = 1e-3</c>
/// by default; <see cref="Ridders"/>, the default method, shrinks it from there.
/// Error budget (docs/Checking/NumericalDerivative.md): central differences have truncation error ≈ h²·|f‴|/6 and
/// rounding error ≈ ε·|f|/h; Richardson cancels the h² term, leaving ≈ h⁴·|f⁽⁵⁾|/480 and about 1.7·ε·|f|/h, so
/// at h = 1e-3 both are near 1e-12 relative for the smooth functions in this library.
/// </summary>
public static class NumericalDerivative
{
    /// <summary>The default step scale: h = 1e-3·max(1, |x|).</summary>
    public const double DefaultStepScale = 1e-3;

    /// <summary>The step h = <paramref name="scale"/>·max(1, |x|).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scale"/> is not a positive finite number, or <paramref name="x"/> is not finite.</exception>
    public static double Step(double x, double scale = DefaultStepScale)
    {
        if (!(scale > 0) || !double.IsFinite(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "NumericalDerivative.Step: the scale must be a positive finite number.");
        }
        if (!double.IsFinite(x))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "NumericalDerivative.Step: x must be finite.");
        }
        return scale * Math.Max(1, Math.Abs(x));
    }

    /// <summary>
    /// The central difference (f(x+h) − f(x−h)) / ((x+h) − (x−h)). Dividing by the difference of the two points
    /// actually evaluated, rather than by 2h, removes the error of rounding x ± h.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="h"/> is not a positive finite number.</exception>
    public static double Central(Func<double, double> f, double x, double h)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (!(h > 0) || !double.IsFinite(h))
        {
            throw new ArgumentOutOfRangeException(nameof(h), h, "NumericalDerivative.Central: the step must be a positive finite number.");
        }
        double plus = x + h, minus = x - h;
        return (f(plus) - f(minus)) / (plus - minus);
    }

    /// <summary>Richardson extrapolation: (4·D(h/2) − D(h)) / 3, where D is <see cref="Central"/>.</summary>
    /// <inheritdoc cref="Central" path="/exception"/>
    public static double Richardson(Func<double, double> f, double x, double h) =>
        (4 * Central(f, x, h / 2) - Central(f, x, h)) / 3;

    /// <summary>df/dx at <paramref name="x"/> by <paramref name="method"/> with the step <see cref="Step"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The method is unknown, or the scale or x is invalid.</exception>
    public static double Estimate(Func<double, double> f, double x, DifferenceMethod method = DifferenceMethod.Ridders,
        double scale = DefaultStepScale)
    {
        double h = Step(x, scale);
        return method switch
        {
            DifferenceMethod.Central => Central(f, x, h),
            DifferenceMethod.Richardson => Richardson(f, x, h),
            DifferenceMethod.Ridders => Ridders(f, x, h, out _),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "NumericalDerivative.Estimate: unknown method."),
        };
    }

    /// <summary>
    /// Ridders' method (C. J. F. Ridders, Adv. Eng. Software 4, 1982; as in Numerical Recipes' <c>dfridr</c>): central
    /// differences D(h), D(h/1.4), D(h/1.4²), … (at most <see cref="RiddersSteps"/>), each column of a Neville tableau
    /// extrapolating the one before to h = 0 (A[j,i] = (c^(2j)·A[j−1,i] − A[j−1,i−1]) / (c^(2j) − 1), c = 1.4). The
    /// result is the entry that differs least from its two neighbours, and that difference is
    /// <paramref name="error"/>; the search stops when the diagonal grows by more than twice the best error, the sign
    /// that rounding has taken over. For smooth functions the error is about 1e-13 to 1e-12 relative, at any scale of f.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="h"/> is not a positive finite number.</exception>
    public static double Ridders(Func<double, double> f, double x, double h, out double error)
    {
        const double shrink = 1.4, shrinkSquared = shrink * shrink, safe = 2;
        var tableau = new double[RiddersSteps, RiddersSteps];
        tableau[0, 0] = Central(f, x, h);
        double result = tableau[0, 0];
        error = double.PositiveInfinity;
        for (int i = 1; i < RiddersSteps; i++)
        {
            h /= shrink;
            tableau[0, i] = Central(f, x, h);
            double factor = shrinkSquared;
            for (int j = 1; j <= i; j++)
            {
                tableau[j, i] = (tableau[j - 1, i] * factor - tableau[j - 1, i - 1]) / (factor - 1);
                factor *= shrinkSquared;
                double difference = Math.Max(Math.Abs(tableau[j, i] - tableau[j - 1, i]), Math.Abs(tableau[j, i] - tableau[j - 1, i - 1]));
                if (difference <= error)
                {
                    error = difference;
                    result = tableau[j, i];
                }
            }
            if (Math.Abs(tableau[i, i] - tableau[i - 1, i - 1]) >= safe * error) break;
        }
        return result;
    }

    /// <summary>The most central differences <see cref="Ridders"/> takes.</summary>
    public const int RiddersSteps = 10;
}
