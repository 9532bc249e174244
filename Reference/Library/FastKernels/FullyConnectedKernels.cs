using System;

namespace ReferenceNN.FastKernels;

/// <summary>
/// Fast kernels of the fully connected layer, held bit for bit to <see cref="Formulas.FullyConnected"/> and
/// <see cref="Formulas.GradientDescent"/> by tests: the same operations on the same values in the same order, arranged
/// so that W is read row by row (contiguously) and, in training, only once. Docs: docs/FastKernels/FullyConnectedKernels.md.
/// </summary>
internal static class FullyConnectedKernels
{
    /// <summary>
    /// <see cref="Formulas.FullyConnected.Forward{T}"/>: y_j = (Σ_i x_i·w_ij) + b_j. Y starts at zero, and rows of W go
    /// in pairs, y_j ← (y_j + x_i·w_ij) + x_{i+1}·w_{i+1,j}: each y_j receives the terms of its sum in the order of i,
    /// as the formula adds them, with half the loads and stores of Y; the bias is added to the finished sums.
    /// </summary>
    internal static void Forward(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> b, Span<double> y)
    {
        int inputSize = x.Length, outputSize = y.Length;
        y.Clear();
        int i = 0;
        for (; i + 1 < inputSize; i += 2)
        {
            double x0 = x[i], x1 = x[i + 1];
            ReadOnlySpan<double> w0 = w.Slice(i * outputSize, outputSize), w1 = w.Slice((i + 1) * outputSize, outputSize);
            for (int j = 0; j < y.Length; j++)
            {
                y[j] = y[j] + x0 * w0[j] + x1 * w1[j];
            }
        }
        if (i < inputSize)
        {
            // The last row, when the input size is odd.
            double xi = x[i];
            ReadOnlySpan<double> wi = w.Slice(i * outputSize, outputSize);
            for (int j = 0; j < y.Length; j++)
            {
                y[j] += xi * wi[j];
            }
        }
        for (int j = 0; j < y.Length; j++)
        {
            y[j] += b[j];
        }
    }

    /// <summary>
    /// The three backward formulas and the step in one pass over W, row by row: for each w_ij, ∂E/∂x_i accumulates
    /// ∂E/∂y_j·w_ij with the weight before the step (<see cref="Formulas.FullyConnected.InputError{T}"/>, in the order of
    /// j), ∂E/∂w_ij = x_i·∂E/∂y_j is stored (<see cref="Formulas.FullyConnected.WeightsError{T}"/>), and
    /// w_ij ← w_ij − α·∂E/∂w_ij (<see cref="Formulas.GradientDescent.Step{T}"/>); then ∂E/∂B = ∂E/∂Y and the bias step.
    /// Rows go in pairs so that the sums for ∂E/∂x_i and ∂E/∂x_{i+1} run side by side, each still over j in order.
    /// </summary>
    internal static void BackwardPropagation(ReadOnlySpan<double> x, ReadOnlySpan<double> dy, Span<double> w, Span<double> b,
        Span<double> dx, Span<double> dw, Span<double> db, double learningRate)
    {
        int inputSize = x.Length, outputSize = dy.Length;
        int i = 0;
        for (; i + 1 < inputSize; i += 2)
        {
            double x0 = x[i], x1 = x[i + 1], sum0 = 0, sum1 = 0;
            Span<double> w0 = w.Slice(i * outputSize, outputSize), dw0 = dw.Slice(i * outputSize, outputSize);
            Span<double> w1 = w.Slice((i + 1) * outputSize, outputSize), dw1 = dw.Slice((i + 1) * outputSize, outputSize);
            for (int j = 0; j < dy.Length; j++)
            {
                double weight0 = w0[j], weight1 = w1[j];
                sum0 += dy[j] * weight0;
                sum1 += dy[j] * weight1;
                double gradient0 = x0 * dy[j], gradient1 = x1 * dy[j];
                dw0[j] = gradient0;
                dw1[j] = gradient1;
                w0[j] = weight0 - learningRate * gradient0;
                w1[j] = weight1 - learningRate * gradient1;
            }
            dx[i] = sum0;
            dx[i + 1] = sum1;
        }
        if (i < inputSize)
        {
            // The last row, when the input size is odd.
            double xi = x[i], sum = 0;
            Span<double> wi = w.Slice(i * outputSize, outputSize), dwi = dw.Slice(i * outputSize, outputSize);
            for (int j = 0; j < dy.Length; j++)
            {
                double weight = wi[j];
                sum += dy[j] * weight;
                double gradient = xi * dy[j];
                dwi[j] = gradient;
                wi[j] = weight - learningRate * gradient;
            }
            dx[i] = sum;
        }
        for (int j = 0; j < outputSize; j++)
        {
            db[j] = dy[j];
            b[j] -= learningRate * dy[j];
        }
    }
}
