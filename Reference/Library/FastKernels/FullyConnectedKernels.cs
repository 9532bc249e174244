using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ReferenceNN.FastKernels;

/// <summary>
/// Fast kernels of the fully connected layer, held bit for bit to <see cref="Formulas.FullyConnected"/> and
/// <see cref="Formulas.GradientDescent"/> by tests at every vector width (<see cref="VectorWidth"/>): the same
/// operations on the same values in the same order, arranged so that W is read row by row, several rows per pass, and
/// the loops over the j outputs run on vectors, one output per lane. Docs: docs/FastKernels/FullyConnectedKernels.md.
/// </summary>
internal static class FullyConnectedKernels
{
    /// <summary>
    /// <see cref="Formulas.FullyConnected.Forward{T}"/>: y_j = (Σ_i x_i·w_ij) + b_j. Y starts at zero, and rows of W come
    /// four at a time, y_j ← (((y_j + x_i·w_ij) + x_{i+1}·w_{i+1,j}) + x_{i+2}·w_{i+2,j}) + x_{i+3}·w_{i+3,j}: each
    /// y_j receives the terms of its sum one at a time in the order of i, as the formula adds them; each vector lane is
    /// one j. The bias is added to the finished sums.
    /// </summary>
    internal static void Forward(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> b, Span<double> y)
    {
        int inputSize = x.Length, n = y.Length;
        y.Clear();
        int i = 0;
        for (; i + 4 <= inputSize; i += 4)
        {
            AddFourRows(y, x[i], w.Slice(i * n, n), x[i + 1], w.Slice((i + 1) * n, n),
                x[i + 2], w.Slice((i + 2) * n, n), x[i + 3], w.Slice((i + 3) * n, n));
        }
        for (; i < inputSize; i++)
        {
            AddRow(y, x[i], w.Slice(i * n, n));
        }
        AddRow(y, 1, b);
    }

    /// <summary>
    /// The three backward formulas and the gradient step, in two passes over W. First ∂E/∂x_i = Σ_j ∂E/∂y_j·w_ij for four
    /// rows side by side, each sum from zero over j in order as <see cref="Formulas.FullyConnected.InputError{T}"/> runs it,
    /// with the weights before the step (skipped when <paramref name="inputErrorNeeded"/> is false: the first layer's
    /// ∂E/∂X, which training discards). Then, row by row on vectors over j, ∂E/∂w_ij = x_i·∂E/∂y_j
    /// (<see cref="Formulas.FullyConnected.WeightsError{T}"/>) and w_ij ← w_ij − α·∂E/∂w_ij
    /// (<see cref="Formulas.GradientDescent.Step{T}"/>); then ∂E/∂B = ∂E/∂Y and the bias step.
    /// </summary>
    internal static void BackwardPropagation(ReadOnlySpan<double> x, ReadOnlySpan<double> dy, Span<double> w, Span<double> b,
        Span<double> dx, Span<double> dw, Span<double> db, double learningRate, bool inputErrorNeeded)
    {
        int inputSize = x.Length, n = dy.Length;
        if (inputErrorNeeded) InputError(dy, w, n, dx);
        for (int i = 0; i < inputSize; i++)
        {
            UpdateRow(x[i], dy, w.Slice(i * n, n), dw.Slice(i * n, n), learningRate);
        }
        UpdateRow(1, dy, b, db, learningRate);
    }

    /// <summary>∂E/∂x_i = Σ_j ∂E/∂y_j·w_ij for every i: four independent sums at a time, each over j in order.</summary>
    private static void InputError(ReadOnlySpan<double> dy, ReadOnlySpan<double> w, int n, Span<double> dx)
    {
        int i = 0;
        for (; i + 4 <= dx.Length; i += 4)
        {
            ReadOnlySpan<double> w0 = w.Slice(i * n, n), w1 = w.Slice((i + 1) * n, n), w2 = w.Slice((i + 2) * n, n), w3 = w.Slice((i + 3) * n, n);
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (int j = 0; j < n; j++)
            {
                double d = dy[j];
                s0 += d * w0[j];
                s1 += d * w1[j];
                s2 += d * w2[j];
                s3 += d * w3[j];
            }
            dx[i] = s0;
            dx[i + 1] = s1;
            dx[i + 2] = s2;
            dx[i + 3] = s3;
        }
        for (; i < dx.Length; i++)
        {
            ReadOnlySpan<double> wi = w.Slice(i * n, n);
            double s = 0;
            for (int j = 0; j < n; j++) s += dy[j] * wi[j];
            dx[i] = s;
        }
    }

    /// <summary>y_j ← y_j + a·r_j for every j.</summary>
    private static void AddRow(Span<double> y, double a, ReadOnlySpan<double> r)
    {
        ref double yr = ref MemoryMarshal.GetReference(y);
        ref double rr = ref MemoryMarshal.GetReference(r);
        int n = y.Length, j = 0, width = VectorWidth.Current;
        if (width >= 8)
        {
            var av = Vector512.Create(a);
            for (; j + 8 <= n; j += 8) (Vector512.LoadUnsafe(ref yr, (nuint)j) + av * Vector512.LoadUnsafe(ref rr, (nuint)j)).StoreUnsafe(ref yr, (nuint)j);
        }
        if (width >= 4)
        {
            var av = Vector256.Create(a);
            for (; j + 4 <= n; j += 4) (Vector256.LoadUnsafe(ref yr, (nuint)j) + av * Vector256.LoadUnsafe(ref rr, (nuint)j)).StoreUnsafe(ref yr, (nuint)j);
        }
        if (width >= 2)
        {
            var av = Vector128.Create(a);
            for (; j + 2 <= n; j += 2) (Vector128.LoadUnsafe(ref yr, (nuint)j) + av * Vector128.LoadUnsafe(ref rr, (nuint)j)).StoreUnsafe(ref yr, (nuint)j);
        }
        for (; j < n; j++) Unsafe.Add(ref yr, j) += a * Unsafe.Add(ref rr, j);
    }

    /// <summary>y_j ← (((y_j + a·r_j) + c·s_j) + e·t_j) + g·u_j for every j: four rows' terms, in the order of the rows.</summary>
    private static void AddFourRows(Span<double> y, double a, ReadOnlySpan<double> r, double c, ReadOnlySpan<double> s,
        double e, ReadOnlySpan<double> t, double g, ReadOnlySpan<double> u)
    {
        ref double yr = ref MemoryMarshal.GetReference(y);
        ref double rr = ref MemoryMarshal.GetReference(r), sr = ref MemoryMarshal.GetReference(s);
        ref double tr = ref MemoryMarshal.GetReference(t), ur = ref MemoryMarshal.GetReference(u);
        int n = y.Length, j = 0, width = VectorWidth.Current;
        if (width >= 8)
        {
            Vector512<double> av = Vector512.Create(a), cv = Vector512.Create(c), ev = Vector512.Create(e), gv = Vector512.Create(g);
            for (; j + 8 <= n; j += 8)
            {
                nuint o = (nuint)j;
                (Vector512.LoadUnsafe(ref yr, o) + av * Vector512.LoadUnsafe(ref rr, o) + cv * Vector512.LoadUnsafe(ref sr, o)
                    + ev * Vector512.LoadUnsafe(ref tr, o) + gv * Vector512.LoadUnsafe(ref ur, o)).StoreUnsafe(ref yr, o);
            }
        }
        if (width >= 4)
        {
            Vector256<double> av = Vector256.Create(a), cv = Vector256.Create(c), ev = Vector256.Create(e), gv = Vector256.Create(g);
            for (; j + 4 <= n; j += 4)
            {
                nuint o = (nuint)j;
                (Vector256.LoadUnsafe(ref yr, o) + av * Vector256.LoadUnsafe(ref rr, o) + cv * Vector256.LoadUnsafe(ref sr, o)
                    + ev * Vector256.LoadUnsafe(ref tr, o) + gv * Vector256.LoadUnsafe(ref ur, o)).StoreUnsafe(ref yr, o);
            }
        }
        if (width >= 2)
        {
            Vector128<double> av = Vector128.Create(a), cv = Vector128.Create(c), ev = Vector128.Create(e), gv = Vector128.Create(g);
            for (; j + 2 <= n; j += 2)
            {
                nuint o = (nuint)j;
                (Vector128.LoadUnsafe(ref yr, o) + av * Vector128.LoadUnsafe(ref rr, o) + cv * Vector128.LoadUnsafe(ref sr, o)
                    + ev * Vector128.LoadUnsafe(ref tr, o) + gv * Vector128.LoadUnsafe(ref ur, o)).StoreUnsafe(ref yr, o);
            }
        }
        for (; j < n; j++)
        {
            Unsafe.Add(ref yr, j) = Unsafe.Add(ref yr, j) + a * Unsafe.Add(ref rr, j) + c * Unsafe.Add(ref sr, j)
                + e * Unsafe.Add(ref tr, j) + g * Unsafe.Add(ref ur, j);
        }
    }

    /// <summary>
    /// g_j = a·dy_j; gradient_j ← g_j; parameter_j ← parameter_j − α·g_j for every j: a row of ∂E/∂W and its step (a = x_i),
    /// or ∂E/∂B and the bias step (a = 1, where 1·dy_j = dy_j exactly).
    /// </summary>
    private static void UpdateRow(double a, ReadOnlySpan<double> dy, Span<double> parameter, Span<double> gradient, double learningRate)
    {
        ref double dr = ref MemoryMarshal.GetReference(dy);
        ref double pr = ref MemoryMarshal.GetReference(parameter);
        ref double gr = ref MemoryMarshal.GetReference(gradient);
        int n = dy.Length, j = 0, width = VectorWidth.Current;
        if (width >= 8)
        {
            Vector512<double> av = Vector512.Create(a), lv = Vector512.Create(learningRate);
            for (; j + 8 <= n; j += 8)
            {
                nuint o = (nuint)j;
                Vector512<double> g = av * Vector512.LoadUnsafe(ref dr, o);
                g.StoreUnsafe(ref gr, o);
                (Vector512.LoadUnsafe(ref pr, o) - lv * g).StoreUnsafe(ref pr, o);
            }
        }
        if (width >= 4)
        {
            Vector256<double> av = Vector256.Create(a), lv = Vector256.Create(learningRate);
            for (; j + 4 <= n; j += 4)
            {
                nuint o = (nuint)j;
                Vector256<double> g = av * Vector256.LoadUnsafe(ref dr, o);
                g.StoreUnsafe(ref gr, o);
                (Vector256.LoadUnsafe(ref pr, o) - lv * g).StoreUnsafe(ref pr, o);
            }
        }
        if (width >= 2)
        {
            Vector128<double> av = Vector128.Create(a), lv = Vector128.Create(learningRate);
            for (; j + 2 <= n; j += 2)
            {
                nuint o = (nuint)j;
                Vector128<double> g = av * Vector128.LoadUnsafe(ref dr, o);
                g.StoreUnsafe(ref gr, o);
                (Vector128.LoadUnsafe(ref pr, o) - lv * g).StoreUnsafe(ref pr, o);
            }
        }
        for (; j < n; j++)
        {
            double g = a * Unsafe.Add(ref dr, j);
            Unsafe.Add(ref gr, j) = g;
            Unsafe.Add(ref pr, j) -= learningRate * g;
        }
    }
}
