using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ReferenceNN.FastKernels;

/// <summary>
/// A vector of doubles, one per lane, with the operations the vectorised elementary functions need, so that
/// <see cref="ElementaryKernels"/> states each algorithm once for every width (<see cref="Lanes512"/>,
/// <see cref="Lanes256"/>, <see cref="Lanes128"/>). Every arithmetic operation is the IEEE 754 operation of the scalar
/// code, lane by lane, rounded to nearest: +, −, ×, ÷ and the fused multiply-add (one rounding) exactly as
/// <see cref="Math.FusedMultiplyAdd"/>. A comparison gives a mask: all bits set in a lane where it holds, zero elsewhere.
/// </summary>
internal interface ILanes<TSelf> where TSelf : struct, ILanes<TSelf>
{
    /// <summary>The number of lanes.</summary>
    static abstract int Count { get; }

    /// <summary>Lanes source[offset], ..., source[offset + Count − 1].</summary>
    static abstract TSelf Load(ref double source, nuint offset);

    /// <summary>Every lane equal to <paramref name="value"/>.</summary>
    static abstract TSelf Create(double value);

    static abstract TSelf operator +(TSelf a, TSelf b);

    static abstract TSelf operator -(TSelf a, TSelf b);

    static abstract TSelf operator *(TSelf a, TSelf b);

    static abstract TSelf operator /(TSelf a, TSelf b);

    static abstract TSelf operator -(TSelf a);

    /// <summary>Bitwise and (of masks, or a mask and values).</summary>
    static abstract TSelf operator &(TSelf a, TSelf b);

    /// <summary>Bitwise or.</summary>
    static abstract TSelf operator |(TSelf a, TSelf b);

    /// <summary>a·b + c with one rounding, as <see cref="Math.FusedMultiplyAdd"/>.</summary>
    static abstract TSelf FusedMultiplyAdd(TSelf a, TSelf b, TSelf c);

    /// <summary>|a|, as <see cref="Math.Abs(double)"/> (the sign bit cleared).</summary>
    static abstract TSelf Abs(TSelf a);

    /// <summary>The mask of a &lt; b.</summary>
    static abstract TSelf LessThan(TSelf a, TSelf b);

    /// <summary>The mask of a ≥ b.</summary>
    static abstract TSelf GreaterThanOrEqual(TSelf a, TSelf b);

    /// <summary>The mask of a = b (IEEE equality: false when either is NaN, true for +0 and −0).</summary>
    static abstract TSelf EqualTo(TSelf a, TSelf b);

    /// <summary>Per lane, <paramref name="whenTrue"/> where the mask is set and <paramref name="whenFalse"/> elsewhere.</summary>
    static abstract TSelf Select(TSelf mask, TSelf whenTrue, TSelf whenFalse);

    /// <summary>Bit i set when lane i of the mask is set.</summary>
    static abstract uint LaneBits(TSelf mask);

    /// <summary>
    /// The table step of <see cref="Elementary.ExpCore"/> for a vector of shifted multiples of log(2)/4096:
    /// <paramref name="shifted"/> = k + 1.5·2^52 (exactly) for integers k, |k| &lt; 2^51. Gives 2^e with e = ⌊k/4096⌋
    /// (as a double; the caller keeps −1022 &lt; e &lt; 1024) and the double-doubles 2^(i1/64) = c0 + c1 and 2^(i2/4096) = f0 + f1 of
    /// <see cref="Tables.ExpCoarse"/> and <see cref="Tables.ExpFine"/>, where i1 and i2 are the two 6-bit digits of k mod 4096.
    /// </summary>
    static abstract void ExpTables(TSelf shifted, out TSelf twoToE, out TSelf c0, out TSelf c1, out TSelf f0, out TSelf f1);

    /// <summary>Writes the lanes to destination[offset], ..., destination[offset + Count − 1].</summary>
    void Store(ref double destination, nuint offset);

    /// <summary>This vector with lane <paramref name="index"/> replaced by <paramref name="value"/>.</summary>
    TSelf With(int index, double value);
}

/// <summary>The bit arithmetic shared by the three widths' <see cref="ILanes{TSelf}.ExpTables"/>.</summary>
internal static class ExpIndex
{
    /// <summary>
    /// The exponent field of 1.5·2^52 (and of every double in [2^52, 2^53)). For an integer |k| &lt; 2^51,
    /// k + 1.5·2^52 lies in that binade and its bits less these are m = 2^51 + k ≥ 0, whose logical shifts give
    /// ⌊m/4096⌋ = 2^39 + ⌊k/4096⌋ and the digits of k mod 4096 (2^51 is a multiple of 4096).
    /// </summary>
    internal const ulong BinadeBits = 0x4330000000000000UL;

    /// <summary>Turns ⌊m/4096⌋ = 2^39 + e into e + 1023, the biased exponent of 2^e.</summary>
    internal const ulong ExponentBias = (1UL << 39) - 1023;

    /// <summary>The double at <paramref name="index"/> in <paramref name="table"/>, unchecked (callers mask the index to the table).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double At(ref double table, ulong index) => Unsafe.Add(ref table, (nint)index);
}

/// <summary>Eight lanes in a 512-bit vector.</summary>
internal readonly struct Lanes512 : ILanes<Lanes512>
{
    private readonly Vector512<double> _v;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Lanes512(Vector512<double> v) => _v = v;

    public static int Count => 8;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Load(ref double source, nuint offset) => new(Vector512.LoadUnsafe(ref source, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Create(double value) => new(Vector512.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator +(Lanes512 a, Lanes512 b) => new(a._v + b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator -(Lanes512 a, Lanes512 b) => new(a._v - b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator *(Lanes512 a, Lanes512 b) => new(a._v * b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator /(Lanes512 a, Lanes512 b) => new(a._v / b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator -(Lanes512 a) => new(-a._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator &(Lanes512 a, Lanes512 b) => new(a._v & b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator |(Lanes512 a, Lanes512 b) => new(a._v | b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 FusedMultiplyAdd(Lanes512 a, Lanes512 b, Lanes512 c) => new(Vector512.FusedMultiplyAdd(a._v, b._v, c._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Abs(Lanes512 a) => new(Vector512.Abs(a._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 LessThan(Lanes512 a, Lanes512 b) => new(Vector512.LessThan(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 GreaterThanOrEqual(Lanes512 a, Lanes512 b) => new(Vector512.GreaterThanOrEqual(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 EqualTo(Lanes512 a, Lanes512 b) => new(Vector512.Equals(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Select(Lanes512 mask, Lanes512 whenTrue, Lanes512 whenFalse) =>
        new(Vector512.ConditionalSelect(mask._v, whenTrue._v, whenFalse._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint LaneBits(Lanes512 mask) => (uint)mask._v.ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ExpTables(Lanes512 shifted, out Lanes512 twoToE, out Lanes512 c0, out Lanes512 c1, out Lanes512 f0, out Lanes512 f1)
    {
        Vector512<ulong> m = shifted._v.AsUInt64() - Vector512.Create(ExpIndex.BinadeBits);
        twoToE = new(Vector512.ShiftLeft(Vector512.ShiftRightLogical(m, 12) - Vector512.Create(ExpIndex.ExponentBias), 52).AsDouble());
        Vector512<ulong> i1 = Vector512.ShiftLeft(Vector512.ShiftRightLogical(m, 6) & Vector512.Create(63UL), 1);
        Vector512<ulong> i2 = Vector512.ShiftLeft(m & Vector512.Create(63UL), 1);
        ref double coarse = ref MemoryMarshal.GetArrayDataReference(Tables.ExpCoarse);
        ref double fine = ref MemoryMarshal.GetArrayDataReference(Tables.ExpFine);
        ulong a0 = i1.GetElement(0), a1 = i1.GetElement(1), a2 = i1.GetElement(2), a3 = i1.GetElement(3);
        ulong a4 = i1.GetElement(4), a5 = i1.GetElement(5), a6 = i1.GetElement(6), a7 = i1.GetElement(7);
        ulong b0 = i2.GetElement(0), b1 = i2.GetElement(1), b2 = i2.GetElement(2), b3 = i2.GetElement(3);
        ulong b4 = i2.GetElement(4), b5 = i2.GetElement(5), b6 = i2.GetElement(6), b7 = i2.GetElement(7);
        c0 = new(Vector512.Create(ExpIndex.At(ref coarse, a0), ExpIndex.At(ref coarse, a1), ExpIndex.At(ref coarse, a2), ExpIndex.At(ref coarse, a3),
            ExpIndex.At(ref coarse, a4), ExpIndex.At(ref coarse, a5), ExpIndex.At(ref coarse, a6), ExpIndex.At(ref coarse, a7)));
        c1 = new(Vector512.Create(ExpIndex.At(ref coarse, a0 + 1), ExpIndex.At(ref coarse, a1 + 1), ExpIndex.At(ref coarse, a2 + 1), ExpIndex.At(ref coarse, a3 + 1),
            ExpIndex.At(ref coarse, a4 + 1), ExpIndex.At(ref coarse, a5 + 1), ExpIndex.At(ref coarse, a6 + 1), ExpIndex.At(ref coarse, a7 + 1)));
        f0 = new(Vector512.Create(ExpIndex.At(ref fine, b0), ExpIndex.At(ref fine, b1), ExpIndex.At(ref fine, b2), ExpIndex.At(ref fine, b3),
            ExpIndex.At(ref fine, b4), ExpIndex.At(ref fine, b5), ExpIndex.At(ref fine, b6), ExpIndex.At(ref fine, b7)));
        f1 = new(Vector512.Create(ExpIndex.At(ref fine, b0 + 1), ExpIndex.At(ref fine, b1 + 1), ExpIndex.At(ref fine, b2 + 1), ExpIndex.At(ref fine, b3 + 1),
            ExpIndex.At(ref fine, b4 + 1), ExpIndex.At(ref fine, b5 + 1), ExpIndex.At(ref fine, b6 + 1), ExpIndex.At(ref fine, b7 + 1)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref double destination, nuint offset) => _v.StoreUnsafe(ref destination, offset);

    public Lanes512 With(int index, double value) => new(_v.WithElement(index, value));
}

/// <summary>Four lanes in a 256-bit vector.</summary>
internal readonly struct Lanes256 : ILanes<Lanes256>
{
    private readonly Vector256<double> _v;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Lanes256(Vector256<double> v) => _v = v;

    public static int Count => 4;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Load(ref double source, nuint offset) => new(Vector256.LoadUnsafe(ref source, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Create(double value) => new(Vector256.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 operator +(Lanes256 a, Lanes256 b) => new(a._v + b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 operator -(Lanes256 a, Lanes256 b) => new(a._v - b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 operator *(Lanes256 a, Lanes256 b) => new(a._v * b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 operator /(Lanes256 a, Lanes256 b) => new(a._v / b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 operator -(Lanes256 a) => new(-a._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 operator &(Lanes256 a, Lanes256 b) => new(a._v & b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 operator |(Lanes256 a, Lanes256 b) => new(a._v | b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 FusedMultiplyAdd(Lanes256 a, Lanes256 b, Lanes256 c) => new(Vector256.FusedMultiplyAdd(a._v, b._v, c._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Abs(Lanes256 a) => new(Vector256.Abs(a._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 LessThan(Lanes256 a, Lanes256 b) => new(Vector256.LessThan(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 GreaterThanOrEqual(Lanes256 a, Lanes256 b) => new(Vector256.GreaterThanOrEqual(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 EqualTo(Lanes256 a, Lanes256 b) => new(Vector256.Equals(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Select(Lanes256 mask, Lanes256 whenTrue, Lanes256 whenFalse) =>
        new(Vector256.ConditionalSelect(mask._v, whenTrue._v, whenFalse._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint LaneBits(Lanes256 mask) => mask._v.ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ExpTables(Lanes256 shifted, out Lanes256 twoToE, out Lanes256 c0, out Lanes256 c1, out Lanes256 f0, out Lanes256 f1)
    {
        Vector256<ulong> m = shifted._v.AsUInt64() - Vector256.Create(ExpIndex.BinadeBits);
        twoToE = new(Vector256.ShiftLeft(Vector256.ShiftRightLogical(m, 12) - Vector256.Create(ExpIndex.ExponentBias), 52).AsDouble());
        Vector256<ulong> i1 = Vector256.ShiftLeft(Vector256.ShiftRightLogical(m, 6) & Vector256.Create(63UL), 1);
        Vector256<ulong> i2 = Vector256.ShiftLeft(m & Vector256.Create(63UL), 1);
        ref double coarse = ref MemoryMarshal.GetArrayDataReference(Tables.ExpCoarse);
        ref double fine = ref MemoryMarshal.GetArrayDataReference(Tables.ExpFine);
        ulong a0 = i1.GetElement(0), a1 = i1.GetElement(1), a2 = i1.GetElement(2), a3 = i1.GetElement(3);
        ulong b0 = i2.GetElement(0), b1 = i2.GetElement(1), b2 = i2.GetElement(2), b3 = i2.GetElement(3);
        c0 = new(Vector256.Create(ExpIndex.At(ref coarse, a0), ExpIndex.At(ref coarse, a1), ExpIndex.At(ref coarse, a2), ExpIndex.At(ref coarse, a3)));
        c1 = new(Vector256.Create(ExpIndex.At(ref coarse, a0 + 1), ExpIndex.At(ref coarse, a1 + 1), ExpIndex.At(ref coarse, a2 + 1), ExpIndex.At(ref coarse, a3 + 1)));
        f0 = new(Vector256.Create(ExpIndex.At(ref fine, b0), ExpIndex.At(ref fine, b1), ExpIndex.At(ref fine, b2), ExpIndex.At(ref fine, b3)));
        f1 = new(Vector256.Create(ExpIndex.At(ref fine, b0 + 1), ExpIndex.At(ref fine, b1 + 1), ExpIndex.At(ref fine, b2 + 1), ExpIndex.At(ref fine, b3 + 1)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref double destination, nuint offset) => _v.StoreUnsafe(ref destination, offset);

    public Lanes256 With(int index, double value) => new(_v.WithElement(index, value));
}

/// <summary>Two lanes in a 128-bit vector.</summary>
internal readonly struct Lanes128 : ILanes<Lanes128>
{
    private readonly Vector128<double> _v;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Lanes128(Vector128<double> v) => _v = v;

    public static int Count => 2;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 Load(ref double source, nuint offset) => new(Vector128.LoadUnsafe(ref source, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 Create(double value) => new(Vector128.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 operator +(Lanes128 a, Lanes128 b) => new(a._v + b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 operator -(Lanes128 a, Lanes128 b) => new(a._v - b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 operator *(Lanes128 a, Lanes128 b) => new(a._v * b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 operator /(Lanes128 a, Lanes128 b) => new(a._v / b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 operator -(Lanes128 a) => new(-a._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 operator &(Lanes128 a, Lanes128 b) => new(a._v & b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 operator |(Lanes128 a, Lanes128 b) => new(a._v | b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 FusedMultiplyAdd(Lanes128 a, Lanes128 b, Lanes128 c) => new(Vector128.FusedMultiplyAdd(a._v, b._v, c._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 Abs(Lanes128 a) => new(Vector128.Abs(a._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 LessThan(Lanes128 a, Lanes128 b) => new(Vector128.LessThan(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 GreaterThanOrEqual(Lanes128 a, Lanes128 b) => new(Vector128.GreaterThanOrEqual(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 EqualTo(Lanes128 a, Lanes128 b) => new(Vector128.Equals(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 Select(Lanes128 mask, Lanes128 whenTrue, Lanes128 whenFalse) =>
        new(Vector128.ConditionalSelect(mask._v, whenTrue._v, whenFalse._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint LaneBits(Lanes128 mask) => mask._v.ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ExpTables(Lanes128 shifted, out Lanes128 twoToE, out Lanes128 c0, out Lanes128 c1, out Lanes128 f0, out Lanes128 f1)
    {
        Vector128<ulong> m = shifted._v.AsUInt64() - Vector128.Create(ExpIndex.BinadeBits);
        twoToE = new(Vector128.ShiftLeft(Vector128.ShiftRightLogical(m, 12) - Vector128.Create(ExpIndex.ExponentBias), 52).AsDouble());
        Vector128<ulong> i1 = Vector128.ShiftLeft(Vector128.ShiftRightLogical(m, 6) & Vector128.Create(63UL), 1);
        Vector128<ulong> i2 = Vector128.ShiftLeft(m & Vector128.Create(63UL), 1);
        ref double coarse = ref MemoryMarshal.GetArrayDataReference(Tables.ExpCoarse);
        ref double fine = ref MemoryMarshal.GetArrayDataReference(Tables.ExpFine);
        ulong a0 = i1.GetElement(0), a1 = i1.GetElement(1);
        ulong b0 = i2.GetElement(0), b1 = i2.GetElement(1);
        c0 = new(Vector128.Create(ExpIndex.At(ref coarse, a0), ExpIndex.At(ref coarse, a1)));
        c1 = new(Vector128.Create(ExpIndex.At(ref coarse, a0 + 1), ExpIndex.At(ref coarse, a1 + 1)));
        f0 = new(Vector128.Create(ExpIndex.At(ref fine, b0), ExpIndex.At(ref fine, b1)));
        f1 = new(Vector128.Create(ExpIndex.At(ref fine, b0 + 1), ExpIndex.At(ref fine, b1 + 1)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref double destination, nuint offset) => _v.StoreUnsafe(ref destination, offset);

    public Lanes128 With(int index, double value) => new(_v.WithElement(index, value));
}
