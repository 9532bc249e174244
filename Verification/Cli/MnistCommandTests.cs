using System.Globalization;
using System.IO;
using System.Linq;
using ReferenceNN.Verification.Cli.Data;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Cli;

public class MnistCommandTests
{
    [Theory]
    [InlineData("mnist-fc")]
    [InlineData("mnist-conv")]
    public void Train_OnASmallFolder_PrintsEpochsAndAConfusionMatrix_AndWritesCsvAndPlot(string command)
    {
        using var folder = new TempFolder();
        string data = MnistDataTests.WriteFolder(folder, train: 6, test: 4);
        string csv = Path.Combine(folder.Path, "h.csv"), svg = Path.Combine(folder.Path, "h.svg");
        Run run = Run.Refnn(command, "--data", data, "--epochs", "2", "--csv", csv, "--plot", svg);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        string[] lines = run.Stdout.Split('\n');
        Assert.StartsWith($"{command}: 6 training and 4 test images from {data}; 2 epochs at learning rate 0.1, seed 1", lines[0]);
        Assert.Matches(@"^epoch 1/2   error=\d\.\d{6}   test accuracy=\d+\.\d\d%   time=\d+\.\d s \(\d+ µs per image\)$", lines[1]);
        Assert.StartsWith("epoch 2/2   error=", lines[2]);
        Assert.StartsWith("confusion matrix on 4 test images (accuracy ", lines[4]);
        Assert.StartsWith("true \\ predicted", lines[5]);
        Assert.Equal(3, File.ReadAllLines(csv).Length);
        Assert.StartsWith("<svg", File.ReadAllText(svg));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Train_Plot_IsTheHistorysSvg_WithTheAccuracyAxisAsAsked(bool fullAccuracy)
    {
        using var folder = new TempFolder();
        string data = MnistDataTests.WriteFolder(folder, train: 6, test: 4);
        string csv = Path.Combine(folder.Path, "h.csv"), svg = Path.Combine(folder.Path, "h.svg");
        string[] args = ["mnist-fc", "--data", data, "--epochs", "2", "--csv", csv, "--plot", svg];
        Run run = Run.Refnn(fullAccuracy ? [.. args, "--plot-full-accuracy"] : args);
        Assert.Equal(0, run.ExitCode);
        // The plot is exactly the SVG of the history the CSV records, with the accuracy axis as asked.
        var history = new ReferenceNN.Cli.Data.TrainingHistory();
        foreach (string line in File.ReadAllLines(csv)[1..])
        {
            string[] f = line.Split(',');
            history.Add(new ReferenceNN.Cli.Data.EpochRecord(int.Parse(f[0], CultureInfo.InvariantCulture), double.Parse(f[1], CultureInfo.InvariantCulture),
                double.Parse(f[2], CultureInfo.InvariantCulture), 0));
        }
        string title = System.Xml.Linq.XElement.Parse(File.ReadAllText(svg)).Elements().First(e => e.Name.LocalName == "text").Value;
        Assert.StartsWith("mnist-fc on ", title);
        Assert.Equal(history.ToSvg(title, fullAccuracy), File.ReadAllText(svg));
        if (fullAccuracy) Assert.Contains(">0%</text>", File.ReadAllText(svg));
        if (fullAccuracy) Assert.Contains(">100%</text>", File.ReadAllText(svg));
    }

    [Fact]
    public void Train_SameSeed_PrintsTheSameErrors()
    {
        using var folder = new TempFolder();
        string data = MnistDataTests.WriteFolder(folder);
        string first = Run.Refnn("mnist-fc", "--data", data, "--epochs", "2", "--seed", "4").Stdout;
        string second = Run.Refnn("mnist-fc", "--data", data, "--epochs", "2", "--seed", "4").Stdout;
        Assert.Equal(Errors(first), Errors(second));
        Assert.NotEqual(Errors(first), Errors(Run.Refnn("mnist-fc", "--data", data, "--epochs", "2", "--seed", "5").Stdout));
        static string Errors(string output) => string.Join(",", System.Text.RegularExpressions.Regex.Matches(output, "error=[0-9.]+"));
    }

    [Fact]
    public void Train_MissingData_SaysHowToInstall_ExitTwo()
    {
        using var folder = new TempFolder();
        Run run = Run.Refnn("mnist-fc", "--data", folder.Path);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.StartsWith("refnn: train-images-idx3-ubyte: not found in ", run.Stderr);
        Assert.Contains("sudo apt-get install dataset-fashion-mnist", run.Stderr);
    }

    [Theory]
    [InlineData("--train-size", "0", "--train-size must be at least 1, not 0.")]
    [InlineData("--test-size", "0", "--test-size must be at least 1, not 0.")]
    [InlineData("--epochs", "0", "--epochs must be at least 1, not 0.")]
    [InlineData("--learning-rate", "Infinity", "--learning-rate must be a finite number, not Infinity.")]
    public void Train_BadOptions_AreUsageErrors(string option, string value, string message)
    {
        Run run = Run.Refnn("mnist-conv", option, value);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"refnn: {message}\n", run.Stderr);
    }

    [Fact]
    public void Train_UnwritablePlot_IsAUsageError()
    {
        using var folder = new TempFolder();
        string data = MnistDataTests.WriteFolder(folder);
        Run run = Run.Refnn("mnist-fc", "--data", data, "--epochs", "1", "--plot", folder.Path);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"refnn: --plot {folder.Path}: is a folder, not a file", run.Stderr);
    }

    [Theory]
    [InlineData("mnist-fc")]
    [InlineData("mnist-conv")]
    public void Train_Literal_SaysSo_AndPrintsTheSameErrorsAndAccuracies(string command)
    {
        using var folder = new TempFolder();
        string data = MnistDataTests.WriteFolder(folder);
        Run fast = Run.Refnn(command, "--data", data, "--epochs", "2");
        Run literal = Run.Refnn(command, "--data", data, "--epochs", "2", "--literal");
        Assert.Equal(0, literal.ExitCode);
        Assert.DoesNotContain("literal formulas", fast.Stdout.Split('\n')[0]);
        Assert.EndsWith("seed 1, literal formulas", literal.Stdout.Split('\n')[0]);
        Assert.Equal(Numbers(fast.Stdout), Numbers(literal.Stdout));
        Assert.Contains("error=", Numbers(fast.Stdout));
        // Everything but the times: the errors, the accuracies and the confusion matrix.
        static string Numbers(string output) => System.Text.RegularExpressions.Regex.Replace(
            string.Join("\n", output.Split('\n').Skip(1)), @"[0-9.]+ ?(s|ms|µs)\b", "");
    }

    [Fact]
    public void Train_ThatAnswersOneClassForEverything_SaysWhy()
    {
        using var folder = new TempFolder();
        string data = MnistDataTests.WriteFolder(folder);
        // A step of 50 drives every tanh output to ±1 at once: the network answers one class for every image.
        Run collapsed = Run.Refnn("mnist-fc", "--data", data, "--epochs", "2", "--learning-rate", "50");
        Assert.Equal(0, collapsed.ExitCode);
        Assert.Contains("note: the network predicts the same class for every test image", collapsed.Stdout);
        Run fine = Run.Refnn("mnist-fc", "--data", data, "--epochs", "2");
        Assert.DoesNotContain("note: the network predicts", fine.Stdout);
    }
}
