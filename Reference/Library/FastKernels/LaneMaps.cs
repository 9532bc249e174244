using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ReferenceNN.FastKernels;

/// <summary>
/// An element-wise function y = f(x) computed on vectors (<see cref="Lanes{TV}"/>), with the scalar function that
/// defines it (<see cref="Scalar"/>) for the lanes the vector code leaves undecided.
/// </summary>
internal interface ILaneFunction
{
    /// <summary>
    /// f on every lane of <paramref name="x"/>, except the lanes set in <paramref name="undecided"/> (bit i for lane i),
    /// whose result the caller must take from <see cref="Scalar"/>. Must not throw, whatever the lanes hold.
    /// </summary>
    static abstract TV Lanes<TV>(TV x, out uint undecided) where TV : struct, ILanes<TV>;

    /// <summary>f(x), the definition.</summary>
    static abstract double Scalar(double x);
}

/// <summary>An element-wise function of two arguments, r = f(x, z), as <see cref="ILaneFunction"/>.</summary>
internal interface ILaneFunction2
{
    /// <summary>f on every lane, except those set in <paramref name="undecided"/>; must not throw.</summary>
    static abstract TV Lanes<TV>(TV x, TV z, out uint undecided) where TV : struct, ILanes<TV>;

    /// <summary>f(x, z), the definition.</summary>
    static abstract double Scalar(double x, double z);
}

/// <summary>
/// Runs an <see cref="ILaneFunction"/> or <see cref="ILaneFunction2"/> over spans at the width of
/// <see cref="VectorWidth.Current"/>: whole vectors, then the last few elements in one vector padded with a value
/// the function decides (their results alone are kept), each undecided lane from the scalar function. At width 1
/// every element comes from the scalar function. The output may be the same span as an input (each vector is read
/// before it is written); partial overlaps are not allowed.
/// </summary>
internal static class LaneMaps
{
    /// <summary>y_i = f(x_i) for every i. Returns how many elements came from the scalar function.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    internal static int Map<TF>(ReadOnlySpan<double> x, Span<double> y, double padding) where TF : struct, ILaneFunction
    {
        if (y.Length != x.Length) throw new ArgumentException($"the output has {y.Length} elements but the input {x.Length}.", nameof(y));
        return VectorWidth.Current switch
        {
            8 => Map<TF, Lanes512>(x, y, padding),
            4 => Map<TF, Lanes256>(x, y, padding),
            2 => Map<TF, Lanes128>(x, y, padding),
            _ => MapScalar<TF>(x, y),
        };
    }

    /// <summary>r_i = f(x_i, z_i) for every i. Returns how many elements came from the scalar function.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    internal static int Map<TF>(ReadOnlySpan<double> x, ReadOnlySpan<double> z, Span<double> r, double padding) where TF : struct, ILaneFunction2
    {
        if (z.Length != x.Length || r.Length != x.Length)
        {
            throw new ArgumentException($"the spans differ in length ({x.Length}, {z.Length} and {r.Length} elements).", nameof(r));
        }
        return VectorWidth.Current switch
        {
            8 => Map<TF, Lanes512>(x, z, r, padding),
            4 => Map<TF, Lanes256>(x, z, r, padding),
            2 => Map<TF, Lanes128>(x, z, r, padding),
            _ => MapScalar<TF>(x, z, r),
        };
    }

    private static int MapScalar<TF>(ReadOnlySpan<double> x, Span<double> y) where TF : struct, ILaneFunction
    {
        for (int i = 0; i < x.Length; i++) y[i] = TF.Scalar(x[i]);
        return x.Length;
    }

    private static int MapScalar<TF>(ReadOnlySpan<double> x, ReadOnlySpan<double> z, Span<double> r) where TF : struct, ILaneFunction2
    {
        for (int i = 0; i < x.Length; i++) r[i] = TF.Scalar(x[i], z[i]);
        return x.Length;
    }

    // One call site of TF.Lanes per method, inside the loop: the last, partial vector is read from a padded copy and
    // written through a buffer. (A second call site after the loop exhausted the JIT's inlining budget, and the
    // operators of that copy became calls.) Optimised from the first call: tier-0 vector code is slow.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Map<TF, TV>(ReadOnlySpan<double> x, Span<double> y, double padding)
        where TF : struct, ILaneFunction where TV : struct, ILanes<TV>
    {
        int n = x.Length, w = TV.Count, fromScalar = 0;
        Span<double> bx = stackalloc double[8];
        Span<double> by = stackalloc double[8];
        for (int i = 0; i < n; i += w)
        {
            int rest = n - i;
            scoped ref double source = ref Unsafe.Add(ref MemoryMarshal.GetReference(x), i);
            scoped ref double target = ref Unsafe.Add(ref MemoryMarshal.GetReference(y), i);
            uint lanes = uint.MaxValue;
            if (rest < w)
            {
                bx.Fill(padding);
                x.Slice(i).CopyTo(bx);
                source = ref MemoryMarshal.GetReference(bx);
                target = ref MemoryMarshal.GetReference(by);
                lanes = (1u << rest) - 1;
            }
            TV v = TF.Lanes(TV.Load(ref source, 0), out uint undecided);
            undecided &= lanes;
            if (undecided != 0) v = Patch<TF, TV>(v, undecided, x.Slice(i), ref fromScalar);
            v.Store(ref target, 0);
            if (rest < w) by.Slice(0, rest).CopyTo(y.Slice(i));
        }
        return fromScalar;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Map<TF, TV>(ReadOnlySpan<double> x, ReadOnlySpan<double> z, Span<double> r, double padding)
        where TF : struct, ILaneFunction2 where TV : struct, ILanes<TV>
    {
        int n = x.Length, w = TV.Count, fromScalar = 0;
        Span<double> bx = stackalloc double[8];
        Span<double> bz = stackalloc double[8];
        for (int i = 0; i < n; i += w)
        {
            int rest = n - i;
            scoped ref double xs = ref Unsafe.Add(ref MemoryMarshal.GetReference(x), i);
            scoped ref double zs = ref Unsafe.Add(ref MemoryMarshal.GetReference(z), i);
            scoped ref double target = ref Unsafe.Add(ref MemoryMarshal.GetReference(r), i);
            uint lanes = uint.MaxValue;
            if (rest < w)
            {
                bx.Fill(padding);
                bz.Clear();
                x.Slice(i).CopyTo(bx);
                z.Slice(i).CopyTo(bz);
                xs = ref MemoryMarshal.GetReference(bx);
                zs = ref MemoryMarshal.GetReference(bz);
                target = ref MemoryMarshal.GetReference(bx);
                lanes = (1u << rest) - 1;
            }
            TV v = TF.Lanes(TV.Load(ref xs, 0), TV.Load(ref zs, 0), out uint undecided);
            undecided &= lanes;
            if (undecided != 0) v = Patch<TF, TV>(v, undecided, x.Slice(i), z.Slice(i), ref fromScalar);
            v.Store(ref target, 0);
            if (rest < w) bx.Slice(0, rest).CopyTo(r.Slice(i));
        }
        return fromScalar;
    }

    /// <summary>Replaces each undecided lane j of <paramref name="v"/> by the scalar f(x_j).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static TV Patch<TF, TV>(TV v, uint undecided, ReadOnlySpan<double> x, ref int fromScalar)
        where TF : struct, ILaneFunction where TV : struct, ILanes<TV>
    {
        fromScalar += BitOperations.PopCount(undecided);
        for (; undecided != 0; undecided &= undecided - 1)
        {
            int j = BitOperations.TrailingZeroCount(undecided);
            v = v.With(j, TF.Scalar(x[j]));
        }
        return v;
    }

    /// <summary>Replaces each undecided lane j of <paramref name="v"/> by the scalar f(x_j, z_j).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static TV Patch<TF, TV>(TV v, uint undecided, ReadOnlySpan<double> x, ReadOnlySpan<double> z, ref int fromScalar)
        where TF : struct, ILaneFunction2 where TV : struct, ILanes<TV>
    {
        fromScalar += BitOperations.PopCount(undecided);
        for (; undecided != 0; undecided &= undecided - 1)
        {
            int j = BitOperations.TrailingZeroCount(undecided);
            v = v.With(j, TF.Scalar(x[j], z[j]));
        }
        return v;
    }
}
