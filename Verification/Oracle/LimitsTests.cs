using System;
using ReferenceNN.Oracle;
using Xunit;

namespace ReferenceNN.Verification.Oracle;

public class LimitsTests
{
    [Theory]
    [InlineData("1073741824", 1073741824L)]
    [InlineData("0", 0L)]
    [InlineData("512M", 536870912L)]
    [InlineData("512m", 536870912L)]
    [InlineData("4G", 4294967296L)]
    [InlineData("1.5G", 1610612736L)]
    [InlineData("12KiB", 12288L)]
    [InlineData("12KB", 12288L)]
    [InlineData("7B", 7L)]
    [InlineData("2T", 2199023255552L)]
    public void TryParseBytes_ReadsPlainSizesAndBinarySuffixes(string text, long bytes)
    {
        Assert.True(Limits.TryParseBytes(text, out long read));
        Assert.Equal(bytes, read);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("-1")]
    [InlineData("1,5")]
    [InlineData("1e3")]
    [InlineData("G")]
    [InlineData("B")]
    [InlineData("abc")]
    [InlineData("9999999T")]
    [InlineData(".5G")]
    [InlineData("5 G")]
    public void TryParseBytes_RefusesAnythingElse(string? text) => Assert.False(Limits.TryParseBytes(text, out _));

    [Theory]
    [InlineData(100, "100 bytes")]
    [InlineData(1536, "1.5 KiB")]
    [InlineData(536870912, "512 MiB")]
    [InlineData(1922576772, "1.8 GiB")]
    public void FormatBytes_IsForPeople(double bytes, string text) => Assert.Equal(text, Limits.FormatBytes(bytes));

    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        Assert.Equal(1L << 30, Limits.Default.MaxInputBytes);
        Assert.Equal(1e10, Limits.Default.MaxWork);
        long half = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2;
        Assert.Equal(Math.Max(256L << 20, half), Limits.DefaultMaxMemoryBytes());
        Assert.Equal(Limits.DefaultMaxMemoryBytes(), new Limits().MaxMemoryBytes);
    }
}
