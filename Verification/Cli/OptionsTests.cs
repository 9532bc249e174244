using System.CommandLine;
using ReferenceNN.Cli;
using ReferenceNN.Oracle;
using Xunit;

namespace ReferenceNN.Verification.Cli;

public class OptionsTests
{
    private static (ParseResult Parse, Option<Options.Number> Option) Parsed(params string[] args)
    {
        Option<Options.Number> rate = Options.Double("--rate", "a rate", 0.5);
        var command = new RootCommand { rate };
        return (command.Parse(args, Commands.Parsing), rate);
    }

    [Theory]
    [InlineData("0.001", 0.001)]
    [InlineData("1e-3", 0.001)]
    [InlineData("-2.5E+2", -250)]
    [InlineData("15", 15)]
    public void Double_ReadsInvariantNumbers(string text, double value)
    {
        (ParseResult parse, Option<Options.Number> option) = Parsed("--rate", text);
        Assert.Empty(parse.Errors);
        Assert.Equal(value, parse.GetValue(option).Value);
    }

    [Theory]
    [InlineData("1,5")]
    [InlineData("1 000")]
    [InlineData("0x10")]
    [InlineData("one")]
    public void Double_RefusesAnythingElse_NeverReadingACommaAsThousands(string text)
    {
        ParseResult parse = Parsed("--rate", text).Parse;
        Assert.Equal($"--rate: \"{text}\" is not a number (write it as 0.001 or 1e-3)", Assert.Single(parse.Errors).Message);
    }

    [Fact]
    public void Double_Absent_IsTheDefault()
    {
        (ParseResult parse, Option<Options.Number> option) = Parsed();
        Assert.Equal(0.5, parse.GetValue(option).Value);
    }

    /// <summary>Help shows a number's default as it is written on the command line, not as .NET prints a double.</summary>
    [Theory]
    [InlineData(1e-9, "1e-9")]
    [InlineData(1e-12, "1e-12")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e10, "10000000000")]
    [InlineData(2.5e20, "2.5e+20")]
    [InlineData(-3e-7, "-3e-7")]
    public void Number_IsShownAsWritten(double value, string text)
    {
        Assert.Equal(text, new Options.Number(value).ToString());
        Assert.Equal(value, double.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Help_ShowsNumberDefaultsAsWritten()
    {
        Run help = Run.Refnn("check", "--help");
        Assert.Contains("[default: 1e-9]", help.Stdout);
        Assert.Contains("[default: 1e-12]", help.Stdout);
        Assert.DoesNotContain("E-", help.Stdout);
        Assert.Contains("[default: 0.1]", Run.Refnn("xor", "--help").Stdout);
    }

    [Fact]
    public void RepeatedOptions_AreRefused_EvenWhenTheSecondHasNoValue()
    {
        Option<Options.Number> rate = Options.Double("--rate", "a rate", 0.5);
        var sub = new Command("sub") { new Option<string>("--name") };
        var command = new RootCommand { rate, sub };
        Options.RejectRepeats(command);
        Assert.Contains(command.Parse(["--rate", "1", "--rate"], Commands.Parsing).Errors, e => e.Message == "--rate is given more than once");
        Assert.Contains(command.Parse(["sub", "--name", "a", "--name", "b"], Commands.Parsing).Errors, e => e.Message.Contains("--name"));
        Assert.Empty(command.Parse(["--rate", "1", "sub", "--name", "a"], Commands.Parsing).Errors);
    }

    [Fact]
    public void Limits_AreReadFromTheirOptions_OrDefault()
    {
        var command = new RootCommand();
        var limits = new Options.LimitOptions(command, work: true);
        Limits given = limits.LimitsOf(command.Parse(["--max-input-size", "2K", "--max-memory", "1G", "--max-work", "1e6"], Commands.Parsing));
        Assert.Equal((2048L, 1L << 30, 1e6), (given.MaxInputBytes, given.MaxMemoryBytes, given.MaxWork));
        Limits defaults = limits.LimitsOf(command.Parse([], Commands.Parsing));
        Assert.Equal(Limits.Default, defaults);
        Assert.Equal("--max-memory: \"lots\" is not a size (write it as 1073741824, 512M or 4G)",
            Assert.Single(command.Parse(["--max-memory", "lots"], Commands.Parsing).Errors).Message);
        Assert.Equal("--max-work must be a finite number ≥ 0", Assert.Single(command.Parse(["--max-work", "-1"], Commands.Parsing).Errors).Message);
        var noWork = new RootCommand();
        Assert.Equal(Limits.DefaultMaxWork, new Options.LimitOptions(noWork, work: false).LimitsOf(noWork.Parse([], Commands.Parsing)).MaxWork);
        Assert.Equal(2, noWork.Options.Count - new RootCommand().Options.Count);
    }

    [Fact]
    public void ResponseFiles_AreOff() => Assert.Null(Commands.Parsing.ResponseFileTokenReplacer);

    [Theory]
    [InlineData(new string[0], Kernels.Fast)]
    [InlineData(new[] { "--literal" }, Kernels.Literal)]
    public void Literal_SelectsTheLiteralFormulas_AndItsAbsenceTheFastKernels(string[] args, Kernels expected)
    {
        Option<bool> literal = Options.Literal();
        var command = new RootCommand { literal };
        Assert.Equal(expected, Options.KernelsOf(command.Parse(args, Commands.Parsing), literal));
    }

    [Theory]
    [InlineData("xor", new[] { "--seed <N>", "--epochs <N>", "--learning-rate <NUMBER>" })]
    [InlineData("mnist-fc", new[] { "--data <DIR>", "--train-size <N>", "--csv <FILE>", "--plot <FILE.svg>", "--max-memory <BYTES>" })]
    [InlineData("gradcheck", new[] { "--rtol <NUMBER>", "--stol <NUMBER>", "--seed <N>" })]
    [InlineData("grad", new[] { "--npy <DIR>" })]
    public void Help_NamesEveryPlaceholderInCapitals(string command, string[] placeholders)
    {
        Run run = Run.Refnn(command, "--help");
        Assert.Equal(0, run.ExitCode);
        foreach (string placeholder in placeholders) Assert.Contains(placeholder, run.Stdout);
        Assert.DoesNotMatch(@"--[a-z-]+ <[a-z]", run.Stdout);
    }
}
