using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ReferenceNN.FastKernels;

/// <summary>
/// Fast kernels of the convolutional layer, held bit for bit to <see cref="Formulas.Convolution"/> and
/// <see cref="Formulas.GradientDescent"/> by tests at every vector width: the same sums, each taking its terms in the
/// formula's order, with the loops over the columns q of the output running on vectors (one q per lane) and the
/// weights' sums interleaved. Input channels are copied to a planar scratch buffer when the input has more than one,
/// so that a row of a channel is contiguous. Docs: docs/FastKernels/ConvolutionKernels.md.
/// </summary>
internal static class ConvolutionKernels
{
    /// <summary>
    /// <see cref="Formulas.Convolution.Forward{T}"/>: for each output channel k and row p, Y_k[p,·] starts at zero; for
    /// each input channel d in order, the correlation (X_d ⋆ K_{d,k})[p,q] = Σ_a Σ_b x[p+a, q+b, d]·K[a,b,d,k] is summed
    /// from zero in the order a, b on a vector of q, then added to Y_k[p,·]; the bias is added last.
    /// <paramref name="planar"/> holds i·j·d doubles, <paramref name="row"/> and <paramref name="sum"/> the output's width each.
    /// </summary>
    internal static void Forward(ReadOnlySpan<double> x, Shape inputShape, ReadOnlySpan<double> w, Shape weightsShape,
        ReadOnlySpan<double> b, Span<double> y, Span<double> planar, Span<double> row, Span<double> sum)
    {
        int I = inputShape[0], J = inputShape[1], D = inputShape[2];
        int M = weightsShape[0], N = weightsShape[1], K = weightsShape[3];
        int P = I - M + 1, Q = J - N + 1;
        ReadOnlySpan<double> channels = D == 1 ? x : ToPlanar(x, I * J, D, planar);
        for (int k = 0; k < K; k++)
        for (int p = 0; p < P; p++)
        {
            row.Clear();
            for (int d = 0; d < D; d++)
            {
                ReadOnlySpan<double> xd = channels.Slice(d * I * J, I * J);
                sum.Clear();
                for (int a = 0; a < M; a++)
                for (int bb = 0; bb < N; bb++)
                {
                    AddScaled(sum, w[((a * N + bb) * D + d) * K + k], xd.Slice((p + a) * J + bb, Q));
                }
                AddScaled(row, 1, sum);
            }
            AddConstant(row, b[k]);
            for (int q = 0; q < Q; q++) y[(p * Q + q) * K + k] = row[q];
        }
    }

    /// <summary>
    /// <see cref="Formulas.Convolution.BiasError{T}"/> and <see cref="Formulas.Convolution.WeightsError{T}"/>, then the step
    /// on both. ∂E/∂B_k sums ∂E/∂Y_k row by row from zero; each ∂E/∂K[a,b,d,k] = Σ_p Σ_q x[p+a,q+b,d]·∂E/∂y[p,q,k] is a sum
    /// from zero in the order p, q, all m·n·d·k of them running side by side in <paramref name="sums"/> (m·n·d·k doubles).
    /// </summary>
    internal static void WeightsBiasAndStep(ReadOnlySpan<double> x, Shape inputShape, ReadOnlySpan<double> dy, Shape weightsShape,
        Span<double> w, Span<double> bias, Span<double> dw, Span<double> db, double learningRate, Span<double> sums)
    {
        int J = inputShape[1], D = inputShape[2];
        int M = weightsShape[0], N = weightsShape[1], K = weightsShape[3];
        int P = inputShape[0] - M + 1, Q = J - N + 1;
        for (int k = 0; k < K; k++)
        {
            double s = 0;
            for (int p = 0; p < P; p++)
            for (int q = 0; q < Q; q++)
            {
                s += dy[(p * Q + q) * K + k];
            }
            db[k] = s;
        }
        sums.Clear();
        for (int p = 0; p < P; p++)
        for (int q = 0; q < Q; q++)
        {
            int at = 0;
            for (int a = 0; a < M; a++)
            for (int bb = 0; bb < N; bb++)
            for (int d = 0; d < D; d++)
            {
                double xv = x[((p + a) * J + q + bb) * D + d];
                for (int k = 0; k < K; k++) sums[at++] += xv * dy[(p * Q + q) * K + k];
            }
        }
        // 0 + Σ, as the formula adds the finished correlation to ∂E/∂K, which starts at zero.
        for (int n = 0; n < sums.Length; n++) dw[n] = 0 + sums[n];
        Formulas.GradientDescent.Step<double>(w, dw, learningRate);
        Formulas.GradientDescent.Step<double>(bias, db, learningRate);
    }

    private static ReadOnlySpan<double> ToPlanar(ReadOnlySpan<double> x, int area, int depth, Span<double> planar)
    {
        for (int at = 0; at < area; at++)
        for (int d = 0; d < depth; d++)
        {
            planar[d * area + at] = x[at * depth + d];
        }
        return planar;
    }

    /// <summary>y_q ← y_q + c for every q.</summary>
    private static void AddConstant(Span<double> y, double c)
    {
        for (int q = 0; q < y.Length; q++) y[q] += c;
    }

    /// <summary>y_q ← y_q + a·r_q for every q, one q per lane.</summary>
    private static void AddScaled(Span<double> y, double a, ReadOnlySpan<double> r)
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
}
