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

    public static Arbitrary<FullyConnectedCase> FullyConnectedCase() =>
        (from i in Gen.Choose(1, 8)
         from j in Gen.Choose(1, 8)
         from seed in Seed
         select new FullyConnectedCase(i, j, seed)).ToArbitrary();
}
