using System;
using Xunit;

namespace ReferenceNN.Verification.Elementary;

/// <summary>Ziv's test and the scaled rounding of exp, on constructed approximations.</summary>
public class RoundingTestTests
{
    [Fact]
    public void DecidesOnlyWhenBothEndsRoundAlike()
    {
        double ulp = Math.ScaleB(1.0, -52);
        Assert.True(RoundingTest.TryRound(1.0, 0.25 * ulp, 1e-30, out double y));
        Assert.Equal(1.0, y);
        Assert.False(RoundingTest.TryRound(1.0, 0.5 * ulp, 1e-30, out _)); // straddles the midpoint 1 + 2^−53
        Assert.True(RoundingTest.TryRound(1.0, 0.5 * ulp + 1e-25, 1e-30, out y));
        Assert.Equal(1.0 + ulp, y);
    }

    [Fact]
    public void ScaledRoundingHandlesSubnormalsAndOverflow()
    {
        // 1.5·2^−1074 → a tie between 1 and 2 units: undecidable; slightly above → 2 units.
        Assert.False(RoundingTest.TryRoundScaled(1.5, 0, 1e-20, -1074, out _));
        Assert.True(RoundingTest.TryRoundScaled(1.5, 1e-15, 1e-20, -1074, out double y));
        Assert.Equal(2 * double.Epsilon, y);
        // 1.25·2^−1075 = 0.625 units → 1 unit; 0.9·2^−1076 = 0.225 units → 0.
        Assert.True(RoundingTest.TryRoundScaled(1.25, 0, 1e-20, -1075, out y));
        Assert.Equal(double.Epsilon, y);
        Assert.True(RoundingTest.TryRoundScaled(0.9, 0, 1e-20, -1077, out y));
        Assert.Equal(0.0, y);
        // At e = −1022 the grid is that of the normal range: h + l rounds to 53 bits.
        Assert.True(RoundingTest.TryRoundScaled(1.0 + Math.ScaleB(1.0, -52), 1e-20, 1e-25, -1022, out y));
        Assert.Equal(Math.ScaleB(1.0 + Math.ScaleB(1.0, -52), -1022), y);
        // e = 1024: below 1 stays finite, from 1 on it overflows.
        Assert.True(RoundingTest.TryRoundScaled(Math.BitDecrement(1.0), 0, 1e-30, 1024, out y));
        Assert.Equal(double.MaxValue, y);
        Assert.True(RoundingTest.TryRoundScaled(1.0, 0, 1e-30, 1024, out y));
        Assert.Equal(double.PositiveInfinity, y);
    }
}
