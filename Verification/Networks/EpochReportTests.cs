using ReferenceNN.Networks;
using Xunit;

namespace ReferenceNN.Verification;

public class EpochReportTests
{
    [Fact]
    public void ToString_IsTheArticlesLineWithSixDecimals()
    {
        Assert.Equal("epoch 1/1000   error=0.322980", new EpochReport(1, 1000, 0.3229804).ToString());
        Assert.Equal("epoch 35/35   error=0.000243", new EpochReport(35, 35, 0.00024251).ToString());
    }
}
