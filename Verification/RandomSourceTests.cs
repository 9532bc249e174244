using System;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification;

public class RandomSourceTests
{
    [Fact]
    public void SplitMix64_Seed0_GivesThePublishedSequence()
    {
        // The reference C code (Vigna, splitmix64.c) from state 0: e220a8397b1dcdaf, 6e789e6aa1b965f4, 06c45d188009454f.
        var generator = new SplitMix64(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, generator.NextUInt64());
        Assert.Equal(0x6E789E6AA1B965F4UL, generator.NextUInt64());
        Assert.Equal(0x06C45D188009454FUL, generator.NextUInt64());
    }

    [Fact]
    public void SplitMix64_Seed1_AgreesWithAnIndependentImplementation()
    {
        // Computed with Python's unbounded integers, masked to 64 bits (docs/RandomSource.md).
        var generator = new SplitMix64(1);
        Assert.Equal(10451216379200822465UL, generator.NextUInt64());
        Assert.Equal(13757245211066428519UL, generator.NextUInt64());
        Assert.Equal(17911839290282890590UL, generator.NextUInt64());
    }

    [Fact]
    public void NextDouble_IsTheTop53BitsTimesTwoToTheMinus53()
    {
        Assert.Equal(0.0, new Fixed(0).NextDouble());
        Assert.Equal(0.5, new Fixed(1UL << 63).NextDouble());
        Assert.Equal(1 - Math.ScaleB(1, -53), new Fixed(ulong.MaxValue).NextDouble());
        Assert.Equal(Math.ScaleB(1, -53), new Fixed(1UL << 11).NextDouble());
        Assert.Equal(0.0, new Fixed((1UL << 11) - 1).NextDouble()); // the low 11 bits are dropped
        Assert.Equal((0xE220A8397B1DCDAFUL >> 11) * Math.ScaleB(1, -53), new SplitMix64(0).NextDouble());
    }

    [Fact]
    public void SplitMix64_SameSeed_SameSequence_DifferentSeed_Different()
    {
        SplitMix64 a = new(42), b = new(42), c = new(43);
        for (int n = 0; n < 100; n++)
        {
            ulong x = a.NextUInt64();
            Assert.Equal(x, b.NextUInt64());
            Assert.NotEqual(x, c.NextUInt64());
        }
    }

    [Fact]
    public void NextDouble_OverManyDraws_IsUniformOnZeroOne()
    {
        // 100,000 draws in 10 bins: each bin's count within 5 standard deviations (√(n·0.1·0.9) ≈ 95) of 10,000.
        var generator = new SplitMix64(7);
        var bins = new int[10];
        for (int n = 0; n < 100_000; n++)
        {
            double u = generator.NextDouble();
            Assert.InRange(u, 0.0, 1.0 - Math.ScaleB(1, -53));
            bins[(int)(u * 10)]++;
        }
        foreach (int count in bins) Assert.InRange(count, 10_000 - 475, 10_000 + 475);
    }

    private sealed class Fixed(ulong value) : RandomSource
    {
        public override ulong NextUInt64() => value;
    }
}
