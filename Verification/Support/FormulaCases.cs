using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;

namespace ReferenceNN.Verification.Support;

/// <summary>
/// Four independent random streams for one case: the parameters (weights, bias, mask, rate), the input, the upstream
/// gradient c and the direction v. Each is its own <see cref="Rng"/>, seeded from the case, so no stream is
/// a copy or a prefix of another.
/// </summary>
public sealed record Streams(int Parameters, int Input, int Upstream, int Direction)
{
    public Rng ParametersRandom() => new(Parameters);

    public Rng InputRandom() => new(Input);

    public Rng UpstreamRandom() => new(Upstream);

    public Rng DirectionRandom() => new(Direction);

    public static Gen<Streams> Gen { get; } =
        FsCheck.Fluent.Gen.Choose(0, int.MaxValue).ArrayOf(4).Select(s => new Streams(s[0], s[1], s[2], s[3]));

    /// <summary>Fixed streams for a case built by hand, derived from the run's seed (so every run sees new values).</summary>
    public static Streams ForRun(string name)
    {
        string replay = Seeds.ReplayFor(name); // "(seed,gamma)", a hash of the run's seed and the name
        ulong seed = ulong.Parse(replay[1..replay.IndexOf(',', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
        var random = new Rng(unchecked((int)(seed ^ (seed >> 32))));
        return new Streams(random.Next(int.MaxValue), random.Next(int.MaxValue), random.Next(int.MaxValue), random.Next(int.MaxValue));
    }
}

/// <summary>A fully connected layer i → j.</summary>
public sealed record FcCase(int InputSize, int OutputSize, Streams Streams)
{
    public bool IsMnistSized => InputSize == 784 && OutputSize == 100;

    public override string ToString() => $"FC {InputSize}→{OutputSize} {Streams}";
}

/// <summary>A convolution: input i×j×d, kernel m×n, k output channels.</summary>
public sealed record ConvCase(int Height, int Width, int Depth, int KernelHeight, int KernelWidth, int LayerDepth, Streams Streams)
{
    public int OutputHeight => Height - KernelHeight + 1;

    public int OutputWidth => Width - KernelWidth + 1;

    public Shape InputShape => new(Height, Width, Depth);

    public Shape WeightsShape => new(KernelHeight, KernelWidth, Depth, LayerDepth);

    public int InputSize => Height * Width * Depth;

    public int WeightsSize => KernelHeight * KernelWidth * Depth * LayerDepth;

    public int OutputSize => OutputHeight * OutputWidth * LayerDepth;

    public bool IsMnistSized => (Height, Width, Depth, KernelHeight, KernelWidth, LayerDepth) == (28, 28, 1, 3, 3, 8);

    /// <summary>Kernel at least 2×2, output at least 2×2, at least two channels on each side.</summary>
    public bool IsNonDegenerate => KernelHeight >= 2 && KernelWidth >= 2 && OutputHeight >= 2 && OutputWidth >= 2 && Depth >= 2 && LayerDepth >= 2;

    public override string ToString() =>
        $"conv {Height}×{Width}×{Depth} * {KernelHeight}×{KernelWidth}×{Depth}×{LayerDepth} → {OutputHeight}×{OutputWidth}×{LayerDepth} {Streams}";
}

/// <summary>How a pooling case's input values are drawn.</summary>
public enum PoolingValues
{
    /// <summary>Distinct multiples of 1/8 in random order: no ties.</summary>
    Distinct,

    /// <summary>Integers in [−2, 2]: ties in most windows.</summary>
    Ties,

    /// <summary>Uniform doubles in [−2, 2).</summary>
    Uniform,
}

/// <summary>A max pooling: input i×j×d, window p×q, stride (s, t).</summary>
public sealed record PoolCase(int Height, int Width, int Depth, int PoolHeight, int PoolWidth, int StrideHeight, int StrideWidth,
    PoolingValues Values, Streams Streams)
{
    public Shape InputShape => new(Height, Width, Depth);

    public int OutputHeight => (Height - PoolHeight) / StrideHeight + 1;

    public int OutputWidth => (Width - PoolWidth) / StrideWidth + 1;

    public int InputSize => Height * Width * Depth;

    public int OutputSize => OutputHeight * OutputWidth * Depth;

    /// <summary>Window at least 2×2 and at least 2×2 outputs.</summary>
    public bool IsNonDegenerate => PoolHeight >= 2 && PoolWidth >= 2 && OutputHeight >= 2 && OutputWidth >= 2;

    public double[] Input()
    {
        Rng random = Streams.InputRandom();
        var x = new double[InputSize];
        switch (Values)
        {
            case PoolingValues.Distinct:
                for (int n = 0; n < x.Length; n++) x[n] = (n - x.Length / 2) / 8.0;
                random.Shuffle(x);
                break;
            case PoolingValues.Ties:
                for (int n = 0; n < x.Length; n++) x[n] = random.Next(-2, 3);
                break;
            default:
                for (int n = 0; n < x.Length; n++) x[n] = 4 * random.NextDouble() - 2;
                break;
        }
        return x;
    }

    public override string ToString() =>
        $"maxpool {Height}×{Width}×{Depth} window {PoolHeight}×{PoolWidth} stride {StrideHeight}×{StrideWidth} → {OutputHeight}×{OutputWidth}×{Depth}, {Values} {Streams}";
}

/// <summary>A dropout over n elements with rate p and a mask drawn from the parameters' stream.</summary>
public sealed record MaskCase(int Length, double Rate, Streams Streams)
{
    /// <summary>m_n = 1 when a draw is at least p, as the layer draws it.</summary>
    public double[] Mask()
    {
        Rng random = Streams.ParametersRandom();
        var mask = new double[Length];
        for (int n = 0; n < Length; n++) mask[n] = random.NextDouble() >= Rate ? 1 : 0;
        return mask;
    }

    public override string ToString() => $"dropout n={Length} p={Rate} {Streams}";
}

/// <summary>A tensor of n elements (flatten, the element-wise activations, the losses, the step).</summary>
public sealed record VectorCase(int Length, Streams Streams)
{
    public override string ToString() => $"n={Length} {Streams}";
}

/// <summary>A softmax over n logits offset + spread·u, u uniform in [−1, 1).</summary>
public sealed record SoftmaxCase(int Length, double Offset, double Spread, Streams Streams)
{
    public double[] Input()
    {
        double[] u = RandomValues.Uniform(Length, Streams.InputRandom());
        return u.Select(value => Offset + Spread * value).ToArray();
    }

    public override string ToString() => $"softmax n={Length} logits {Offset}±{Spread} {Streams}";
}

/// <summary>
/// The formula-level tests' generators, with shrinking of the sizes (the streams stay, so a shrunk case keeps its
/// kind of values). Sizes go up to the MNIST networks': an FC 784→100 and a conv 28×28×1 → 26×26×8 with 3×3 kernels
/// each come up about once in 25 cases, a 26×26×8 pooling and a 5408-element dropout once in 16 and 7; every run also
/// checks the FC and conv MNIST sizes by name.
/// </summary>
public static class FormulaArbitraries
{
    private static IEnumerable<int> Smaller(int value, int minimum)
    {
        if (value > minimum) yield return minimum;
        if (value / 2 > minimum) yield return value / 2;
        if (value - 1 > minimum) yield return value - 1;
    }

    public static Gen<FcCase> FcGen { get; } = Gen.Frequency(
        (24, from i in Gen.Choose(1, 40) from j in Gen.Choose(1, 40) from s in Streams.Gen select new FcCase(i, j, s)),
        (1, Streams.Gen.Select(s => new FcCase(784, 100, s))));

    public static Arbitrary<FcCase> FcCase() =>
        Arb.From(FcGen, c =>
            Smaller(c.InputSize, 1).Select(i => c with { InputSize = i })
                .Concat(Smaller(c.OutputSize, 1).Select(j => c with { OutputSize = j })));

    private static readonly Gen<ConvCase> AnyConvolution =
        from i in Gen.Choose(1, 10)
        from j in Gen.Choose(1, 10)
        from d in Gen.Choose(1, 4)
        from m in Gen.Choose(1, i)
        from n in Gen.Choose(1, j)
        from k in Gen.Choose(1, 4)
        from s in Streams.Gen
        select new ConvCase(i, j, d, m, n, k, s);

    private static readonly Gen<ConvCase> NonDegenerateConvolution =
        from i in Gen.Choose(3, 12)
        from j in Gen.Choose(3, 12)
        from d in Gen.Choose(2, 4)
        from m in Gen.Choose(2, Math.Min(i - 1, 5))
        from n in Gen.Choose(2, Math.Min(j - 1, 5))
        from k in Gen.Choose(2, 4)
        from s in Streams.Gen
        select new ConvCase(i, j, d, m, n, k, s);

    public static Gen<ConvCase> ConvGen { get; } = Gen.Frequency(
        (18, NonDegenerateConvolution),
        (6, AnyConvolution),
        (1, Streams.Gen.Select(s => new ConvCase(28, 28, 1, 3, 3, 8, s))));

    public static Arbitrary<ConvCase> ConvCase() =>
        Arb.From(ConvGen, c =>
            Smaller(c.Height, c.KernelHeight).Select(i => c with { Height = i })
                .Concat(Smaller(c.Width, c.KernelWidth).Select(j => c with { Width = j }))
                .Concat(Smaller(c.Depth, 1).Select(d => c with { Depth = d }))
                .Concat(Smaller(c.LayerDepth, 1).Select(k => c with { LayerDepth = k }))
                .Concat(Smaller(c.KernelHeight, 1).Select(m => c with { KernelHeight = m }))
                .Concat(Smaller(c.KernelWidth, 1).Select(n => c with { KernelWidth = n })));

    private static readonly Gen<PoolCase> NonDegeneratePooling =
        from p in Gen.Choose(2, 4)
        from q in Gen.Choose(2, 4)
        from s in Gen.Choose(1, p + 2)
        from t in Gen.Choose(1, q + 2)
        from extraRows in Gen.Choose(0, 3)
        from extraColumns in Gen.Choose(0, 3)
        from d in Gen.Choose(1, 3)
        from values in Gen.Elements(PoolingValues.Distinct, PoolingValues.Ties, PoolingValues.Uniform)
        from streams in Streams.Gen
        select new PoolCase(p + s * (1 + extraRows / 2) + extraRows % 2, q + t * (1 + extraColumns / 2) + extraColumns % 2, d,
            p, q, s, t, values, streams);

    private static readonly Gen<PoolCase> AnyPooling =
        from i in Gen.Choose(1, 9)
        from j in Gen.Choose(1, 9)
        from d in Gen.Choose(1, 3)
        from p in Gen.Choose(1, i)
        from q in Gen.Choose(1, j)
        from s in Gen.Choose(1, 4)
        from t in Gen.Choose(1, 4)
        from values in Gen.Elements(PoolingValues.Distinct, PoolingValues.Ties, PoolingValues.Uniform)
        from streams in Streams.Gen
        select new PoolCase(i, j, d, p, q, s, t, values, streams);

    public static Gen<PoolCase> PoolGen { get; } = Gen.Frequency(
        (12, NonDegeneratePooling),
        (3, AnyPooling),
        (1, from values in Gen.Elements(PoolingValues.Distinct, PoolingValues.Ties, PoolingValues.Uniform)
            from s in Streams.Gen
            select new PoolCase(26, 26, 8, 2, 2, 2, 2, values, s)));

    public static Arbitrary<PoolCase> PoolCase() =>
        Arb.From(PoolGen, c =>
            Smaller(c.Height, c.PoolHeight).Select(i => c with { Height = i })
                .Concat(Smaller(c.Width, c.PoolWidth).Select(j => c with { Width = j }))
                .Concat(Smaller(c.Depth, 1).Select(d => c with { Depth = d })));

    /// <summary>Rates away from 0: dyadic ones (for which 1 − p is exact) and 0.1, 0.3, 0.9 (for which it rounds).</summary>
    public static double[] DropoutRates { get; } = [0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 0.1, 0.3, 0.9];

    public static Gen<MaskCase> MaskGen { get; } =
        from n in Gen.Frequency((6, Gen.Choose(1, 64)), (1, Gen.Constant(5408)))
        from p in Gen.Elements(DropoutRates)
        from s in Streams.Gen
        select new MaskCase(n, p, s);

    public static Arbitrary<MaskCase> MaskCase() =>
        Arb.From(MaskGen, c => Smaller(c.Length, 1).Select(n => c with { Length = n }));

    public static Gen<VectorCase> VectorGen { get; } =
        from n in Gen.Frequency((6, Gen.Choose(1, 64)), (1, Gen.Choose(65, 800)))
        from s in Streams.Gen
        select new VectorCase(n, s);

    public static Arbitrary<VectorCase> VectorCase() =>
        Arb.From(VectorGen, c => Smaller(c.Length, 1).Select(n => c with { Length = n }));

    /// <summary>Offsets up to ±800 (beyond e's overflow at 709.8, so an unshifted softmax shows) and spreads up to 40.</summary>
    public static Gen<SoftmaxCase> SoftmaxGen { get; } =
        from n in Gen.Frequency((6, Gen.Choose(2, 64)), (1, Gen.Constant(1)), (1, Gen.Constant(10)))
        from offset in Gen.Elements(0.0, 0.0, 3.0, -30.0, 800.0, -800.0)
        from spread in Gen.Elements(0.5, 5.0, 40.0)
        from s in Streams.Gen
        select new SoftmaxCase(n, offset, spread, s);

    public static Arbitrary<SoftmaxCase> SoftmaxCase() =>
        Arb.From(SoftmaxGen, c => Smaller(c.Length, 1).Select(n => c with { Length = n }));
}
