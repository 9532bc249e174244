using System;
using System.Linq;

namespace ReferenceNN.Verification.Exact;

/// <summary>
/// The layers' and MSE's formulas evaluated exactly, in <see cref="Rational"/> arithmetic, written from the index
/// definitions on the docs pages and not from the library's code: no rounding anywhere, so the order of a sum does not
/// matter. Tensors are flat arrays in row-major, channels-last order, as the library stores them: element [r, s, d] of
/// an h×w×depth tensor is at (r·w + s)·depth + d; element [a, b, d, k] of m×n×depth×k weights at ((a·n + b)·depth + d)·k + k.
/// </summary>
/// <remarks>
/// Each derivative is obtained the same mechanical way from its forward definition: enumerate the terms of every
/// output y_o = Σ coefficient·variable, and add c_o·coefficient to the derivative of that variable (a scatter). This
/// is the chain rule read off the forward's index expression, independent of how the library writes its backward
/// formulas (as gathers, full convolutions or routed sums).
/// </remarks>
public static class ExactFormulas
{
    /// <summary>Exact values of doubles.</summary>
    public static Rational[] Of(ReadOnlySpan<double> values)
    {
        var exact = new Rational[values.Length];
        for (int n = 0; n < values.Length; n++) exact[n] = Rational.FromDouble(values[n]);
        return exact;
    }

    private static Rational[] Zeros(long length) => Enumerable.Repeat(Rational.Zero, checked((int)length)).ToArray();

    // ---- fully connected: y_j = Σ_i x_i·w_ij + b_j, W i×j row-major ----

    public static Rational[] FullyConnectedForward(Rational[] x, Rational[] w, Rational[] b)
    {
        int i = x.Length, j = b.Length;
        Rational[] y = Zeros(j);
        for (int col = 0; col < j; col++)
        {
            Rational sum = b[col];
            for (int row = 0; row < i; row++) sum += x[row] * w[row * j + col];
            y[col] = sum;
        }
        return y;
    }

    /// <summary>(∂E/∂X, ∂E/∂W, ∂E/∂B) for upstream c, by scattering the forward's terms x_i·w_ij and b_j.</summary>
    public static (Rational[] X, Rational[] W, Rational[] B) FullyConnectedBackward(Rational[] x, Rational[] w, Rational[] c)
    {
        int i = x.Length, j = c.Length;
        Rational[] dx = Zeros(i), dw = Zeros((long)i * j), db = Zeros(j);
        for (int col = 0; col < j; col++)
        {
            db[col] += c[col];
            for (int row = 0; row < i; row++)
            {
                dx[row] += c[col] * w[row * j + col];
                dw[row * j + col] += c[col] * x[row];
            }
        }
        return (dx, dw, db);
    }

    // ---- convolution: y[p,q,k] = Σ_d Σ_a Σ_b x[p+a, q+b, d]·K[a,b,d,k] + b_k ----

    /// <summary>Sizes: input i×j×d, weights m×n×d×k, output (i−m+1)×(j−n+1)×k.</summary>
    public readonly record struct ConvSizes(int I, int J, int D, int M, int N, int K)
    {
        public int P => I - M + 1;

        public int Q => J - N + 1;

        public int X(int r, int s, int d) => (r * J + s) * D + d;

        public int W(int a, int b, int d, int k) => ((a * N + b) * D + d) * K + k;

        public int Y(int p, int q, int k) => (p * Q + q) * K + k;
    }

    /// <summary>Calls <paramref name="term"/>(output, input, weight, bias?) for every term of every output, bias terms with input = weight = −1.</summary>
    private static void ConvolutionTerms(ConvSizes s, Action<int, int, int> term, Action<int, int> biasTerm)
    {
        for (int p = 0; p < s.P; p++)
        for (int q = 0; q < s.Q; q++)
        for (int k = 0; k < s.K; k++)
        {
            int o = s.Y(p, q, k);
            biasTerm(o, k);
            for (int d = 0; d < s.D; d++)
            for (int a = 0; a < s.M; a++)
            for (int b = 0; b < s.N; b++)
            {
                term(o, s.X(p + a, q + b, d), s.W(a, b, d, k));
            }
        }
    }

    public static Rational[] ConvolutionForward(ConvSizes s, Rational[] x, Rational[] w, Rational[] bias)
    {
        Rational[] y = Zeros((long)s.P * s.Q * s.K);
        ConvolutionTerms(s, (o, xi, wi) => y[o] += x[xi] * w[wi], (o, k) => y[o] += bias[k]);
        return y;
    }

    public static (Rational[] X, Rational[] W, Rational[] B) ConvolutionBackward(ConvSizes s, Rational[] x, Rational[] w, Rational[] c)
    {
        Rational[] dx = Zeros(x.Length), dw = Zeros(w.Length), db = Zeros(s.K);
        ConvolutionTerms(s, (o, xi, wi) =>
        {
            dx[xi] += c[o] * w[wi];
            dw[wi] += c[o] * x[xi];
        }, (o, k) => db[k] += c[o]);
        return (dx, dw, db);
    }

    // ---- max pooling: y[u,v,c] = max_{a<p, b<q} x[u·s + a, v·t + b, c], the first maximum in row-major order ----

    /// <summary>The outputs and, for each, the flat input position of its window's first maximum.</summary>
    public static (Rational[] Y, int[] Argmax) MaxPoolingForward(Rational[] x, int height, int width, int depth,
        int poolHeight, int poolWidth, int strideHeight, int strideWidth)
    {
        int rows = (height - poolHeight) / strideHeight + 1, columns = (width - poolWidth) / strideWidth + 1;
        var y = new Rational[rows * columns * depth];
        var argmax = new int[y.Length];
        for (int u = 0; u < rows; u++)
        for (int v = 0; v < columns; v++)
        for (int c = 0; c < depth; c++)
        {
            int best = -1;
            for (int a = 0; a < poolHeight; a++)
            for (int b = 0; b < poolWidth; b++)
            {
                int position = ((u * strideHeight + a) * width + v * strideWidth + b) * depth + c;
                if (best < 0 || x[position] > x[best]) best = position;
            }
            int o = (u * columns + v) * depth + c;
            y[o] = x[best];
            argmax[o] = best;
        }
        return (y, argmax);
    }

    /// <summary>∂E/∂X: each output's term is its window's maximum with coefficient 1.</summary>
    public static Rational[] MaxPoolingBackward(int inputLength, int[] argmax, Rational[] c)
    {
        Rational[] dx = Zeros(inputLength);
        for (int o = 0; o < c.Length; o++) dx[argmax[o]] += c[o];
        return dx;
    }

    // ---- dropout: y_n = x_n·m_n/(1 − p); flatten: y_n = x_n ----

    public static Rational[] DropoutForward(Rational[] x, Rational[] mask, Rational rate) =>
        x.Select((value, n) => value * mask[n] / (Rational.One - rate)).ToArray();

    public static Rational[] DropoutBackward(Rational[] c, Rational[] mask, Rational rate) => DropoutForward(c, mask, rate);

    // ---- mean squared error: E = (1/n) Σ (y*_i − y_i)², ∂E/∂y_i = 2(y_i − y*_i)/n ----

    public static Rational MeanSquaredError(Rational[] target, Rational[] output)
    {
        Rational sum = Rational.Zero;
        for (int i = 0; i < output.Length; i++) sum += (target[i] - output[i]) * (target[i] - output[i]);
        return sum / Rational.Of(output.Length);
    }

    public static Rational[] MeanSquaredErrorDerivative(Rational[] target, Rational[] output) =>
        output.Select((y, i) => Rational.Of(2) * (y - target[i]) / Rational.Of(output.Length)).ToArray();

    // ---- the gradient step: θ ← θ − α·g ----

    public static Rational[] Step(Rational[] parameter, Rational[] error, Rational learningRate) =>
        parameter.Select((theta, n) => theta - learningRate * error[n]).ToArray();
}
