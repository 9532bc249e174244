using ReferenceNN.Oracle;
using Xunit;

namespace ReferenceNN.Verification.Cli;

public class CommandsTests
{
    [Fact]
    public void Help_ListsEveryCommand()
    {
        Run run = Run.Refnn("--help");
        Assert.Equal(0, run.ExitCode);
        foreach (string command in new[] { "xor", "conv-toy", "grad", "train", "check", "gradcheck", "mnist-fc", "mnist-conv" })
        {
            Assert.Contains($"  {command} ", run.Stdout);
        }
    }

    [Fact]
    public void Version_IsTheProducersVersion()
    {
        Run run = Run.Refnn("--version");
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith(Producer.Version, run.Stdout);
    }

    [Fact]
    public void UnknownCommand_IsAUsageErrorOnOneLine()
    {
        Run run = Run.Refnn("fit");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Single(run.Stderr.TrimEnd('\n').Split('\n'));
    }
}
