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
    public FullyConnected Layer() => new(InputSize, OutputSize, new Random(Seed));

    public Tensor Input() => RandomTensor.Uniform(new Shape(1, InputSize), new Random(Seed ^ 0x5eed), -2, 2);

    public Tensor Target() => RandomTensor.Uniform(new Shape(1, OutputSize), new Random(Seed ^ 0x7a67), -1, 1);
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

    public static Arbitrary<ShapeCase> ShapeCase() =>
        (from shape in AnyShape from seed in Seed select new ShapeCase(shape, seed)).ToArbitrary();

    public static Arbitrary<FullyConnectedCase> FullyConnectedCase() =>
        (from i in Gen.Choose(1, 8)
         from j in Gen.Choose(1, 8)
         from seed in Seed
         select new FullyConnectedCase(i, j, seed)).ToArbitrary();
}

/// <summary>A point for a scalar activation, kept in [−4, 4] with a resolution of 1e-6.</summary>
public sealed record ScalarCase(double X);

/// <summary>A random activation-layer case: a 1×n or h×w×d shape and a seed for the input and upstream.</summary>
public sealed record ShapeCase(Shape Shape, int Seed)
{
    public Tensor Input(double low = -3, double high = 3) => RandomTensor.Uniform(Shape, new Random(Seed ^ 0x5eed), low, high);

    public Tensor Target(double low = -1, double high = 1) => RandomTensor.Uniform(Shape, new Random(Seed ^ 0x7a67), low, high);
}

