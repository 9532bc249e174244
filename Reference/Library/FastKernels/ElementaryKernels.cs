using System;
using System.Runtime.CompilerServices;

namespace ReferenceNN.FastKernels;

/// <summary>
/// <see cref="Elementary.Exp(double)"/> and <see cref="Elementary.Tanh(double)"/> on spans, a vector of lanes at a time
/// (<see cref="VectorWidth"/>). Both functions are correctly rounded, so each element has exactly one right answer and
/// the kernels give it: every lane performs the scalar fast path's operations on the same constants and tables, in the
/// same order (fused multiply-adds where the scalar code has them, nowhere else), so it reaches the same double-double
/// approximation and the same verdict of Ziv's rounding test; a lane whose test fails, or whose input lies outside the
/// vector domain, is computed by the scalar function itself. Docs: docs/FastKernels/ElementaryKernels.md.
/// </summary>
internal static class ElementaryKernels
{
    /// <summary>The vector domain of exp: 2^−54 ≤ |x| and −707 ≤ x ≤ 709, where the scalar fast path runs and −1021 &lt; e &lt; 1023.</summary>
    internal const double ExpLow = -707, ExpHigh = 709, ExpTiny = 1.0 / (1L << 54);

    /// <summary>The vector domain of tanh's double-double path: 2^−27 ≤ |x| &lt; 19.1, as in <see cref="Elementary.Tanh(double)"/>.</summary>
    internal const double TanhTiny = 1.0 / (1 << 27), TanhSaturated = 19.1;

    /// <summary>1.5·2^52: RN(v + Shift) − Shift is the integer nearest to v, ties to even, for |v| &lt; 2^51.</summary>
    private const double Shift = 6755399441055744.0;

    /// <summary>
    /// y_i = <see cref="Elementary.Exp(double)"/>(x_i) for every i, bit for bit. <paramref name="y"/> may be
    /// <paramref name="x"/> itself. Returns how many elements the scalar function computed (lanes outside the vector
    /// domain or whose rounding test failed; every element at width 1).
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    internal static int Exp(ReadOnlySpan<double> x, Span<double> y) => LaneMaps.Map<ExpFunction>(x, y, 1.0);

    /// <summary>
    /// y_i = <see cref="Elementary.Tanh(double)"/>(x_i) for every i, bit for bit. <paramref name="y"/> may be
    /// <paramref name="x"/> itself. Returns how many elements the scalar function computed (lanes whose rounding test
    /// failed; every element at width 1).
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    internal static int Tanh(ReadOnlySpan<double> x, Span<double> y) => LaneMaps.Map<TanhFunction>(x, y, 1.0);

    /// <summary>
    /// e^x on every lane in the vector domain (<see cref="ExpLow"/> ≤ x ≤ <see cref="ExpHigh"/>, |x| ≥ <see cref="ExpTiny"/>)
    /// whose rounding test succeeds; the other lanes are set in <paramref name="undecided"/>. There the scalar
    /// <see cref="Elementary.ExpFast"/> would run the same operations (<see cref="ExpCore{TV}"/>) and decide the same
    /// result: the test on h + l with err = h·<see cref="Elementary.ExpCoreError"/>, scaled exactly by 2^e since
    /// −1021 &lt; e &lt; 1023 in that domain (e = ⌊k/4096⌋ with |k| ≤ 709·4096/log 2 + 1 &lt; 1023·4096).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TV ExpLanes<TV>(TV x, out uint undecided) where TV : struct, ILanes<TV>
    {
        TV inDomain = TV.GreaterThanOrEqual(TV.Abs(x), TV.Create(ExpTiny))
            & TV.GreaterThanOrEqual(x, TV.Create(ExpLow)) & TV.GreaterThanOrEqual(TV.Create(ExpHigh), x);
        ExpCore(x, out TV twoToE, out TV h, out TV l);
        TV err = h * TV.Create(Elementary.ExpCoreError);
        TV low = h + (l - err);
        TV high = h + (l + err);
        undecided = ~TV.LaneBits(inDomain & TV.EqualTo(low, high)) & AllLanes<TV>();
        return low * twoToE;
    }

    /// <summary>
    /// tanh x on every lane whose rounding test succeeds (or which needs none), the others set in
    /// <paramref name="undecided"/>, as <see cref="Elementary.Tanh(double)"/>: x itself for |x| &lt; 2^−27 and for NaN,
    /// ±1 for |x| ≥ 19.1, and <see cref="Elementary.TanhFast"/>'s operations in between: a Taylor polynomial for
    /// |x| &lt; 2^−8 and a quotient of <see cref="ExpCore{TV}"/>(2|x|) above, each computed only when a lane needs it,
    /// the two selected lane by lane.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TV TanhLanes<TV>(TV x, out uint undecided) where TV : struct, ILanes<TV>
    {
        TV a = TV.Abs(x);
        TV sign = x & TV.Create(-0.0);
        TV special = TV.Select(TV.GreaterThanOrEqual(a, TV.Create(TanhSaturated)), TV.Create(1.0) | sign, x);
        TV inDomain = TV.GreaterThanOrEqual(a, TV.Create(TanhTiny)) & TV.LessThan(a, TV.Create(TanhSaturated));
        uint domain = TV.LaneBits(inDomain);
        if (domain == 0)
        {
            undecided = 0;
            return special;
        }

        TV isSmall = TV.LessThan(a, TV.Create(1.0 / 256));
        uint small = TV.LaneBits(isSmall) & domain;
        TV h, l, err;
        if (small == 0)
        {
            TanhQuotient(a, out h, out l, out err);
        }
        else if (small == domain)
        {
            TanhSeries(a, out h, out l, out err);
        }
        else
        {
            TanhQuotient(a, out h, out l, out err);
            TanhSeries(a, out TV hs, out TV ls, out TV es);
            h = TV.Select(isSmall, hs, h);
            l = TV.Select(isSmall, ls, l);
            err = TV.Select(isSmall, es, err);
        }

        TV low = h + (l - err);
        TV high = h + (l + err);
        undecided = domain & ~TV.LaneBits(TV.EqualTo(low, high));
        return TV.Select(inDomain, low | sign, special); // low > 0 there: the sign bit of x gives ±low
    }

    /// <summary>
    /// <see cref="Elementary.ExpCore"/> on every lane, the same operations in the same order: e^x = 2^e·(h + l)·(1 + ε),
    /// |ε| ≤ 2^−78.4, for |x| ≤ 709 (any lane may hold anything: a lane outside gives a meaningless result and no fault,
    /// since the table indices are masked to six bits). The one change of form: k = round(x·4096/log 2) is taken as
    /// RN(RN(x·4096/log 2) + 1.5·2^52) − 1.5·2^52, the same integer as <see cref="Math.Round(double)"/> gives (ties to
    /// even: RN in the binade [2^52, 2^53), whose spacing is 1), and read from the bits of the shifted value.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void ExpCore<TV>(TV x, out TV twoToE, out TV h, out TV l) where TV : struct, ILanes<TV>
    {
        // Reduction.
        TV shifted = x * TV.Create(Tables.InvLn2Times4096) + TV.Create(Shift);
        TV kd = shifted - TV.Create(Shift);
        TV yh = TV.FusedMultiplyAdd(kd, TV.Create(-Tables.Ln2Over4096Hi), x);
        TV yl = kd * TV.Create(-Tables.Ln2Over4096Lo);

        // Tables: T = 2^(i1/64)·2^(i2/4096) = th + tl.
        TV.ExpTables(shifted, out twoToE, out TV c0, out TV c1, out TV f0, out TV f1);
        TV th = c0 * f0;
        TV tl = TV.FusedMultiplyAdd(c0, f0, -th) + (c0 * f1 + c1 * f0);

        // Polynomial: e^(yh + yl) − 1 = yh + lo.
        TV q = yh * yh * (TV.Create(0.5) + yh * (TV.Create(1.0 / 6) + yh * (TV.Create(1.0 / 24) + yh * TV.Create(1.0 / 120))));
        TV lo = TV.FusedMultiplyAdd(yl, yh + q, yl) + q;

        // Reconstruction: T·(1 + yh + lo).
        TV ah = th * yh;
        TV al = TV.FusedMultiplyAdd(th, yh, -ah);
        TV s1 = th + ah;
        TV s1l = ah - (s1 - th);
        TV m = th * lo;
        TV s2 = s1 + m;
        TV s2l = m - (s2 - s1);
        h = s2;
        l = s2l + s1l + al + TV.FusedMultiplyAdd(tl, yh, tl);
    }

    /// <summary>The branch 2^−8 ≤ a &lt; 19.1 of <see cref="Elementary.TanhFast"/>: E/D with E = e^(2a) − 1, D = e^(2a) + 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void TanhQuotient<TV>(TV a, out TV h, out TV l, out TV err) where TV : struct, ILanes<TV>
    {
        ExpCore(TV.Create(2.0) * a, out TV scale, out TV h0, out TV l0);
        TV big = h0 * scale, small = l0 * scale;
        TwoSum(big, TV.Create(-1.0), out TV em1, out TV em1l);
        TwoSum(big, TV.Create(1.0), out TV ep1, out TV ep1l);
        TV el = em1l + small, dl = ep1l + small;
        TV inverse = TV.Create(1.0) / ep1;
        h = em1 * inverse;
        TV residual = TV.FusedMultiplyAdd(-h, ep1, em1) + TV.FusedMultiplyAdd(-h, dl, el);
        l = residual * inverse;
        err = TV.Create(Elementary.TanhQuotientError);
    }

    /// <summary>The branch a &lt; 2^−8 of <see cref="Elementary.TanhFast"/>: a + T, T the Taylor tail to degree 9.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void TanhSeries<TV>(TV a, out TV h, out TV l, out TV err) where TV : struct, ILanes<TV>
    {
        TV s = a * a;
        TV p = TV.Create(-1.0 / 3) + s * (TV.Create(2.0 / 15) + s * (TV.Create(-17.0 / 315) + s * TV.Create(62.0 / 2835)));
        TV t = a * s * p;
        h = a + t;
        l = t - (h - a);
        err = TV.Abs(t) * TV.Create(Elementary.TailError) + h * TV.Create(Elementary.ResultError);
    }

    /// <summary>Knuth's TwoSum, as <see cref="DoubleDouble.TwoSum"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TwoSum<TV>(TV a, TV b, out TV s, out TV lo) where TV : struct, ILanes<TV>
    {
        s = a + b;
        TV bVirtual = s - a;
        TV aVirtual = s - bVirtual;
        lo = (a - aVirtual) + (b - bVirtual);
    }

    /// <summary>One bit per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint AllLanes<TV>() where TV : struct, ILanes<TV> => (1u << TV.Count) - 1;

    private struct ExpFunction : ILaneFunction
    {
        public static TV Lanes<TV>(TV x, out uint undecided) where TV : struct, ILanes<TV> => ExpLanes(x, out undecided);

        public static double Scalar(double x) => Elementary.Exp(x);
    }

    private struct TanhFunction : ILaneFunction
    {
        public static TV Lanes<TV>(TV x, out uint undecided) where TV : struct, ILanes<TV> => TanhLanes(x, out undecided);

        public static double Scalar(double x) => Elementary.Tanh(x);
    }
}
