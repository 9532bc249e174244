using System;
using FsCheck;
using FsCheck.Fluent;
using ReferenceNN.Layers;

namespace ReferenceNN.Verification.Support;

/// <summary>
/// A random fully connected case: FsCheck draws the sizes and a seed; the seed draws the weights (the article's
/// uniform[0,1) − 0.5), the input (uniform in [−2, 2)) and the upstream gradient, so a case is reproduced from its text.
/// </summary>
public sealed record FullyConnectedCase(int InputSize, int OutputSize, int Seed)
{
    public FullyConnected Layer() => new(InputSize, OutputSize, new Rng(Seed));

    public Tensor Input() => RandomTensor.Uniform(new Shape(1, InputSize), new Rng(Seed ^ 0x5eed), -2, 2);

    public Tensor Target() => RandomTensor.Uniform(new Shape(1, OutputSize), new Rng(Seed ^ 0x7a67), -1, 1);
}

/// <summary>A random convolution: input i×j×d, kernel m×n (m ≤ i, n ≤ j), k output channels.</summary>
public sealed record ConvolutionCase(int Height, int Width, int Depth, int KernelHeight, int KernelWidth, int LayerDepth, int Seed)
{
    public Shape InputShape => new(Height, Width, Depth);

    public Convolution Layer() => new(InputShape, KernelHeight, KernelWidth, LayerDepth, new Rng(Seed));

    public Tensor Input() => RandomTensor.Uniform(InputShape, new Rng(Seed ^ 0x5eed), -2, 2);
}

/// <summary>
/// A random max pooling whose input values are distinct multiples of 0.05 in random order, so every window's
/// maximum leads the runner-up by at least 0.05: more than the finite-difference step (≤ 4e-3 here) and than
/// twice the Taylor test's largest perturbation (0.01·|δ| &lt; 0.01), so no check crosses a tie.
/// </summary>
public sealed record MaxPoolingCase(int Height, int Width, int Depth, int PoolHeight, int PoolWidth, int StrideHeight, int StrideWidth, int Seed)
{
    public Shape InputShape => new(Height, Width, Depth);

    public MaxPooling Layer() => new(InputShape, PoolHeight, PoolWidth, StrideHeight, StrideWidth);

    public Tensor Input()
    {
        var random = new Rng(Seed);
        var input = new Tensor(InputShape);
        int[] order = new int[input.Length];
        for (int n = 0; n < order.Length; n++) order[n] = n - order.Length / 2;
        random.Shuffle(order);
        for (int n = 0; n < order.Length; n++) input.Span[n] = order[n] * 0.05;
        return input;
    }
}

/// <summary>A random dropout with a fixed mask drawn from the seed.</summary>
public sealed record DropoutCase(Shape Shape, double Rate, int Seed)
{
    public Dropout Layer()
    {
        var mask = new Tensor(Shape);
        var random = new Rng(Seed);
        for (int n = 0; n < mask.Length; n++) mask.Span[n] = random.NextDouble() >= Rate ? 1 : 0;
        return new Dropout(Shape, Rate, mask) { IsTraining = true };
    }

    public Tensor Input() => RandomTensor.Uniform(Shape, new Rng(Seed ^ 0x5eed), -2, 2);
}

/// <summary>The generators the properties use (pass <c>Arbitrary = [typeof(Arbitraries)]</c>).</summary>
public static class Arbitraries
{
    /// <summary>Any non-negative seed.</summary>
    public static Gen<int> Seed { get; } = Gen.Choose(0, int.MaxValue);

    /// <summary>A 1×n row (n in 1..10) or an h×w×d image (each in 1..4).</summary>
    public static Gen<Shape> AnyShape { get; } = Gen.OneOf(
        Gen.Choose(1, 10).Select(n => new Shape(1, n)),
        from h in Gen.Choose(1, 4) from w in Gen.Choose(1, 4) from d in Gen.Choose(1, 3) select new Shape(h, w, d));

    public static Arbitrary<ScalarCase> ScalarCase() =>
        Gen.Choose(-4_000_000, 4_000_000).Select(n => new ScalarCase(n / 1e6)).ToArbitrary();

    /// <summary>A point at least 0.01 away from 0 (the kink of ReLU and leaky ReLU), in ±[0.01, 4].</summary>
    public static Arbitrary<AwayFromKinkCase> AwayFromKinkCase() =>
        (from magnitude in Gen.Choose(10_000, 4_000_000)
         from negative in Gen.Elements(true, false)
         select new AwayFromKinkCase((negative ? -magnitude : magnitude) / 1e6)).ToArbitrary();

    /// <summary>A point in [−30, 30]: far into both tails, where naive formulas overflow or lose precision.</summary>
    public static Arbitrary<WideScalarCase> WideScalarCase() =>
        Gen.Choose(-30_000_000, 30_000_000).Select(n => new WideScalarCase(n / 1e6)).ToArbitrary();

    public static Arbitrary<ShapeCase> ShapeCase() =>
        (from shape in AnyShape from seed in Seed select new ShapeCase(shape, seed)).ToArbitrary();

    public static Arbitrary<ConvolutionCase> ConvolutionCase() =>
        (from i in Gen.Choose(1, 6)
         from j in Gen.Choose(1, 6)
         from d in Gen.Choose(1, 3)
         from m in Gen.Choose(1, i)
         from n in Gen.Choose(1, j)
         from k in Gen.Choose(1, 3)
         from seed in Seed
         select new ConvolutionCase(i, j, d, m, n, k, seed)).ToArbitrary();

    public static Arbitrary<MaxPoolingCase> MaxPoolingCase() =>
        (from i in Gen.Choose(1, 7)
         from j in Gen.Choose(1, 7)
         from d in Gen.Choose(1, 3)
         from p in Gen.Choose(1, i)
         from q in Gen.Choose(1, j)
         from s in Gen.Choose(1, 3)
         from t in Gen.Choose(1, 3)
         from seed in Seed
         select new MaxPoolingCase(i, j, d, p, q, s, t, seed)).ToArbitrary();

    public static Arbitrary<DropoutCase> DropoutCase() =>
        (from shape in AnyShape
         from rate in Gen.Elements(0.0, 0.1, 0.25, 0.5, 0.8)
         from seed in Seed
         select new DropoutCase(shape, rate, seed)).ToArbitrary();

    public static Arbitrary<FullyConnectedCase> FullyConnectedCase() =>
        (from i in Gen.Choose(1, 8)
         from j in Gen.Choose(1, 8)
         from seed in Seed
         select new FullyConnectedCase(i, j, seed)).ToArbitrary();
}

/// <summary>A point for a scalar activation, kept in [−4, 4] with a resolution of 1e-6.</summary>
public sealed record ScalarCase(double X);

/// <summary>A point at least 0.01 from the kink at 0.</summary>
public sealed record AwayFromKinkCase(double X);

/// <summary>A point in [−30, 30].</summary>
public sealed record WideScalarCase(double X);

/// <summary>A random activation-layer case: a 1×n or h×w×d shape and a seed for the input and upstream.</summary>
public sealed record ShapeCase(Shape Shape, int Seed)
{
    public Tensor Input(double low = -3, double high = 3) => RandomTensor.Uniform(Shape, new Rng(Seed ^ 0x5eed), low, high);

    public Tensor Target(double low = -1, double high = 1) => RandomTensor.Uniform(Shape, new Rng(Seed ^ 0x7a67), low, high);
}

