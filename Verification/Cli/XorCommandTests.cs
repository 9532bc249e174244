using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Cli;

public class XorCommandTests
{
    [Fact]
    public void Xor_Defaults_PrintsOneArticleLinePerEpochThenFourPredictions()
    {
        Run run = Run.Refnn("xor");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        string[] lines = run.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(1004, lines.Length);
        Assert.Equal("epoch 1/1000   error=0.413488", lines[0]);
        Assert.Equal("epoch 1000/1000   error=0.000274", lines[999]);
        Assert.StartsWith("input [[0, 0]]   prediction [[0.0009264", lines[1000]);
        Assert.StartsWith("input [[1, 1]]   prediction [[-0.001613", lines[1003]);
    }

    [Fact]
    public void Xor_Options_ChangeSeedEpochsAndLearningRate()
    {
        Run run = Run.Refnn("xor", "--seed", "3", "--epochs", "2", "--learning-rate", "0.5");
        Assert.Equal(0, run.ExitCode);
        string[] lines = run.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(6, lines.Length);
        Assert.StartsWith("epoch 2/2   error=", lines[1]);
        Assert.NotEqual(Run.Refnn("xor", "--seed", "4", "--epochs", "2").Stdout, Run.Refnn("xor", "--seed", "3", "--epochs", "2").Stdout);
    }

    [Theory]
    [InlineData("--epochs", "abc", "refnn: --epochs: \"abc\" is not a whole number (see refnn xor --help)")]
    [InlineData("--epochs", "0", "--epochs must be at least 1, not 0.")]
    [InlineData("--learning-rate", "NaN", "--learning-rate must be a finite number, not NaN.")]
    [InlineData("--bogus", "1", "refnn: unknown option or argument \"--bogus\" (see refnn xor --help)")]
    public void Xor_BadOption_OneLineErrorAndExitCode2(string option, string value, string message)
    {
        Run run = Run.Refnn("xor", option, value);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.StartsWith("refnn: ", run.Stderr);
        Assert.Contains(message, run.Stderr);
        Assert.Single(run.Stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Help_DescribesEveryOption()
    {
        Run run = Run.Refnn("xor", "--help");
        Assert.Equal(0, run.ExitCode);
        foreach (string option in new[] { "--seed", "--epochs", "--learning-rate", "[default: 1]", "[default: 1000]", "[default: 0.1]" })
        {
            Assert.Contains(option, run.Stdout);
        }
    }

    [Fact]
    public void NoCommand_IsAUsageError()
    {
        Run run = Run.Refnn();
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("refnn: no command given; the commands are xor, conv-toy, grad, train, check, gradcheck, mnist-fc, mnist-conv (see refnn --help)\n", run.Stderr);
    }

    [Fact]
    public void Xor_Literal_PrintsTheSameBytesAsTheFastKernels()
    {
        Run fast = Run.Refnn("xor", "--epochs", "300", "--seed", "3");
        Run literal = Run.Refnn("xor", "--epochs", "300", "--seed", "3", "--literal");
        Assert.Equal(0, literal.ExitCode);
        Assert.Equal(fast.Stdout, literal.Stdout);
    }
}
