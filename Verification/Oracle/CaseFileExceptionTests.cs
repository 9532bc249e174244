using ReferenceNN.Oracle;
using Xunit;

namespace ReferenceNN.Verification.Oracle;

public class CaseFileExceptionTests
{
    [Fact]
    public void Message_IsFileNameFieldAndProblemOnOneLine()
    {
        var e = new CaseFileException("/some/folder/case.json", "$.loss", "unknown loss");
        Assert.Equal("case.json: $.loss: unknown loss", e.Message);
        Assert.Equal(("/some/folder/case.json", "$.loss", "unknown loss"), (e.File, e.Field, e.Problem));
    }
}
