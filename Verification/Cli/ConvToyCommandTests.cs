using Xunit;

namespace ReferenceNN.Verification.Cli;

public class ConvToyCommandTests
{
    [Fact]
    public void ConvToy_PrintsEpochLinesThenOutputAndTarget()
    {
        Run run = Run.Refnn("conv-toy", "--epochs", "3", "--seed", "2");
        Assert.Equal(0, run.ExitCode);
        string[] lines = run.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("epoch 1/3   error=", lines[0]);
        Assert.StartsWith("output [[[", lines[3]);
        Assert.StartsWith("target [[[", lines[4]);
    }

    [Fact]
    public void ConvToy_DefaultRun_EndsWellBelowItsStart()
    {
        string[] lines = Run.Refnn("conv-toy").Stdout.Split('\n');
        Assert.Equal("epoch 1/1000   error=0.319358", lines[0]);
        Assert.Equal("epoch 1000/1000   error=0.004307", lines[999]);
    }

    [Fact]
    public void ConvToy_BadEpochs_IsAUsageError()
    {
        Run run = Run.Refnn("conv-toy", "--epochs", "-1");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("refnn: --epochs must be at least 1, not -1.\n", run.Stderr);
    }

    [Fact]
    public void ConvToy_Literal_PrintsTheSameBytesAsTheFastKernels()
    {
        Run fast = Run.Refnn("conv-toy", "--epochs", "40");
        Run literal = Run.Refnn("conv-toy", "--epochs", "40", "--literal");
        Assert.Equal(0, literal.ExitCode);
        Assert.Equal(fast.Stdout, literal.Stdout);
    }
}
