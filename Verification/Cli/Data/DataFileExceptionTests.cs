using ReferenceNN.Cli.Data;
using Xunit;

namespace ReferenceNN.Verification.Cli.Data;

public class DataFileExceptionTests
{
    [Fact]
    public void Message_IsFileNameAndProblemOnOneLine()
    {
        var e = new DataFileException("/data/train-labels-idx1-ubyte.gz", "truncated");
        Assert.Equal("train-labels-idx1-ubyte.gz: truncated", e.Message);
        Assert.Equal("/data/train-labels-idx1-ubyte.gz", e.File);
    }
}
