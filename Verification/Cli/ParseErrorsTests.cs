using ReferenceNN.Cli;
using Xunit;

namespace ReferenceNN.Verification.Cli;

public class ParseErrorsTests
{
    [Theory]
    [InlineData("XOR", "refnn: unknown command \"XOR\" (did you mean xor?); the commands are xor, conv-toy, grad, train, check, gradcheck, mnist-fc, mnist-conv (see refnn --help)\n")]
    [InlineData("gradchek", "refnn: unknown command \"gradchek\" (did you mean gradcheck?); the commands")]
    [InlineData("mnist-cov", "refnn: unknown command \"mnist-cov\" (did you mean mnist-conv?); the commands")]
    [InlineData("foo", "refnn: unknown command \"foo\"; the commands are xor,")]
    [InlineData("a\u001b[31mb", "refnn: unknown command \"a\\u001b[31mb\"; the commands")]
    public void UnknownCommand_IsNamed_WithTheNearestCommand_AndEscaped(string typed, string expected)
    {
        Run run = Run.Refnn(typed, "x.json");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.StartsWith(expected, run.Stderr);
        Assert.Single(run.Stderr.TrimEnd('\n').Split('\n'));
    }

    [Theory]
    [InlineData("mnist-fc", "--epochs", "1.5", "refnn: --epochs: \"1.5\" is not a whole number (see refnn mnist-fc --help)")]
    [InlineData("gradcheck", "--seed", "x", "refnn: --seed: \"x\" is not a whole number (see refnn gradcheck --help)")]
    public void BadOptionValue_SaysWhatItShouldBe_AndPointsAtTheCommandsHelp(string command, string option, string value, string expected)
    {
        Run run = Run.Refnn(command, option, value);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(expected, run.Stderr);
        Assert.DoesNotContain("System.", run.Stderr);
    }

    [Theory]
    [InlineData("", "", 0)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("gradchek", "gradcheck", 1)]
    [InlineData("xor", "", 3)]
    [InlineData("abc", "cab", 2)]
    public void Distance_IsTheLevenshteinDistance_BothWays(string a, string b, int expected)
    {
        Assert.Equal(expected, ParseErrors.Distance(a, b));
        Assert.Equal(expected, ParseErrors.Distance(b, a));
    }

    [Theory]
    [InlineData("Grad", "grad")]
    [InlineData("trian", null)]
    [InlineData("tain", "train")]
    [InlineData("chek", "check")]
    [InlineData("mnistfc", "mnist-fc")]
    [InlineData("zzzzzzzzzz", null)]
    public void Nearest_IsTheSameNameInAnotherCase_OrAFewEditsAway(string typed, string? expected)
    {
        string[] names = ["xor", "conv-toy", "grad", "train", "check", "gradcheck", "mnist-fc", "mnist-conv"];
        Assert.Equal(expected, ParseErrors.Nearest(typed, names));
    }

    [Fact]
    public void Plain_EscapesWhatItCannotRecognise()
    {
        string plain = ParseErrors.Plain("a message\nrefnn: OK \u001b[2J");
        Assert.DoesNotContain('\n', plain);
        Assert.DoesNotContain('\u001b', plain);
        Assert.StartsWith("a message", plain);
    }
}
