using System.Linq;
using System.Runtime.Intrinsics;
using ReferenceNN.FastKernels;
using Xunit;

namespace ReferenceNN.Verification.FastKernels;

public class VectorWidthTests
{
    [Fact]
    public void Supported_AreTheWidthsTheMachineAccelerates_WidestFirst_EndingWithScalar()
    {
        Assert.Equal(1, VectorWidth.Supported[^1]);
        Assert.Equal(VectorWidth.Supported.OrderDescending(), VectorWidth.Supported);
        Assert.Equal(Vector512.IsHardwareAccelerated, VectorWidth.Supported.Contains(8));
        Assert.Equal(Vector256.IsHardwareAccelerated, VectorWidth.Supported.Contains(4));
        Assert.Equal(Vector128.IsHardwareAccelerated, VectorWidth.Supported.Contains(2));
    }

    [Fact]
    public void Current_IsTheWidestByDefault()
    {
        lock (VectorWidth.Supported) Assert.Equal(VectorWidth.Supported[0], VectorWidth.Current);
    }
}
