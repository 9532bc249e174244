using ReferenceNN.Networks;
using System;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using ReferenceNN.Cli.Data;
using ReferenceNN.Cli.Examples;
using ReferenceNN.Oracle;

namespace ReferenceNN.Cli;

/// <summary><c>refnn mnist-fc</c> and <c>refnn mnist-conv</c>: the article's two MNIST networks on any MNIST-format data set.</summary>
internal static class MnistCommand
{
    public static Command Build(bool convolutional)
    {
        string name = convolutional ? "mnist-conv" : "mnist-fc";
        var data = new Option<string>("--data")
        {
            Description = "Folder with the four MNIST-format files (train-images-idx3-ubyte[.gz] and so on).",
            DefaultValueFactory = _ => MnistData.DefaultFolder,
            HelpName = "DIR",
        };
        var trainSize = new Option<int>("--train-size")
        {
            Description = "How many training images to use, from the first (the article uses 1000; Fashion-MNIST has 60000).",
            DefaultValueFactory = _ => Mnist.ArticleTrainingSize,
        };
        var testSize = new Option<int>("--test-size")
        {
            Description = "How many test images to measure the accuracy on after each epoch, from the first.",
            DefaultValueFactory = _ => 10_000,
        };
        var epochs = new Option<int>("--epochs")
        {
            Description = "Number of epochs.",
            DefaultValueFactory = _ => convolutional ? Mnist.ConvolutionalEpochs : Mnist.FullyConnectedEpochs,
        };
        Option<Options.Number> learningRate = Options.Double("--learning-rate", "Gradient-descent step α.", Mnist.LearningRate);
        var seed = new Option<int>("--seed") { Description = "Seed of the Random that draws the initial weights.", DefaultValueFactory = _ => 1 };
        var csv = new Option<string?>("--csv") { Description = "Write the per-epoch history as CSV to this file (checked before training, replaced whole at the end).", HelpName = "FILE" };
        var plot = new Option<string?>("--plot") { Description = "Write an SVG plot of the error and the test accuracy to this file (checked before training, replaced whole at the end).", HelpName = "FILE.svg" };
        var fullAccuracy = new Option<bool>("--plot-full-accuracy") { Description = "In the --plot, draw the accuracy axis from 0 to 100% instead of fitting it to the data." };
        Option<bool> literal = Options.Literal();
        var command = new Command(name, convolutional
            ? "Train the article's MNIST conv network (conv 3×3, tanh, flatten, FC 676→100, tanh, FC 100→10, tanh; MSE) by per-sample gradient descent; report the error, test accuracy and time of each epoch, and a confusion matrix."
            : "Train the article's MNIST FC network (784→100→50→10, tanh, MSE) by per-sample gradient descent; report the error, test accuracy and time of each epoch, and a confusion matrix.")
        {
            data, trainSize, testSize, epochs, learningRate, seed, csv, plot, fullAccuracy, literal,
        };
        var limits = new Options.LimitOptions(command, work: false);
        command.SetAction(parse =>
        {
            int train = parse.GetValue(trainSize), test = parse.GetValue(testSize), epochCount = parse.GetValue(epochs);
            double alpha = parse.GetValue(learningRate).Value;
            if (train < 1) throw new UsageException($"--train-size must be at least 1, not {train}.");
            if (test < 1) throw new UsageException($"--test-size must be at least 1, not {test}.");
            if (epochCount < 1) throw new UsageException($"--epochs must be at least 1, not {epochCount}.");
            if (!double.IsFinite(alpha)) throw new UsageException($"--learning-rate must be a finite number, not {alpha}.");
            TextWriter output = parse.InvocationConfiguration.Output;
            string folder = OracleCommands.InputPath(parse.GetValue(data), "--data");
            // The output files are checked, and their temporary files created, before anything else is done.
            using OutputFile? csvFile = Output(parse.GetValue(csv), "--csv");
            using OutputFile? plotFile = Output(parse.GetValue(plot), "--plot");
            if (csvFile is not null && plotFile is not null && csvFile.Target == plotFile.Target) throw new UsageException("--csv and --plot name the same file");
            Limits limit = limits.LimitsOf(parse);
            MnistData set = MnistData.Load(folder, limit.MaxInputBytes);
            train = Math.Min(train, set.TrainCount);
            test = Math.Min(test, set.TestCount);
            RequireMemory(set, train, test, limit.MaxMemoryBytes);
            Func<byte[], int, Tensor> input = convolutional ? MnistData.Image : MnistData.Row;
            Tensor[] trainInputs = Enumerable.Range(0, train).Select(i => input(set.TrainImages, i)).ToArray();
            Tensor[] trainTargets = Enumerable.Range(0, train).Select(i => MnistData.OneHot(set.TrainLabels[i])).ToArray();
            Tensor[] testInputs = Enumerable.Range(0, test).Select(i => input(set.TestImages, i)).ToArray();
            Network network = convolutional ? Mnist.ConvolutionalNetwork(new SplitMix64(unchecked((ulong)parse.GetValue(seed)))) : Mnist.FullyConnectedNetwork(new SplitMix64(unchecked((ulong)parse.GetValue(seed))));
            network.Kernels = Options.KernelsOf(parse, literal);
            string[]? names = folder.Contains("fashion", StringComparison.OrdinalIgnoreCase) ? MnistData.FashionClasses : null;

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: {train} training and {test} test images from {Echo.Line(folder)}; {epochCount} epochs at learning rate {alpha}, seed {parse.GetValue(seed)}{(network.Kernels == Kernels.Literal ? ", literal formulas" : "")}"));
            var history = new TrainingHistory();
            ConfusionMatrix confusion = new(Mnist.Classes);
            for (int epoch = 1; epoch <= epochCount; epoch++)
            {
                var clock = Stopwatch.StartNew();
                network.SetTraining(true);
                double error = 0;
                for (int n = 0; n < train; n++)
                {
                    error += network.TrainSample(trainInputs[n], trainTargets[n], alpha);
                    if (Commands.Interactive && n % 1000 == 999) output.Write(string.Create(CultureInfo.InvariantCulture, $"\r  epoch {epoch}: {n + 1}/{train} images, {clock.Elapsed.TotalSeconds:F1} s"));
                }
                double seconds = clock.Elapsed.TotalSeconds;
                if (Commands.Interactive) output.Write("\r" + new string(' ', 60) + "\r");
                network.SetTraining(false);
                confusion = new ConfusionMatrix(Mnist.Classes);
                for (int n = 0; n < test; n++) confusion.Add(set.TestLabels[n], ConfusionMatrix.ArgMax(network.Forward(testInputs[n])));
                var record = new EpochRecord(epoch, error / train, confusion.Accuracy, seconds);
                history.Add(record);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"epoch {epoch}/{epochCount}   error={record.Error:F6}   test accuracy={100 * record.TestAccuracy:F2}%   time={seconds:F1} s ({1e6 * seconds / train:F0} µs per image)"));
            }
            output.WriteLine();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"confusion matrix on {test} test images (accuracy {100 * confusion.Accuracy:F2}%):"));
            output.Write(confusion.ToString(names));
            if (confusion.PredictedClasses == 1 && confusion.ActualClasses > 1)
            {
                // The article's networks end in tanh with MSE against one-hot targets and train at α = 0.1: on few images
                // they can saturate and answer one class for everything. Say so, rather than leave a bare 10%.
                output.WriteLine();
                output.WriteLine("note: the network predicts the same class for every test image, though they belong to several: its tanh outputs may have saturated, which the " +
                    "article's networks (MSE on one-hot targets, α = 0.1) can do on few training images; more images (--train-size), " +
                    "more epochs or a smaller --learning-rate usually get past it. The numbers are still exactly what the article's algorithm computes.");
            }
            // Both files are written whole to their temporary files, and only then renamed into place.
            if (csvFile is not null) Write(csvFile, history.ToCsv(), "--csv");
            if (plotFile is not null)
            {
                Write(plotFile, history.ToSvg(string.Create(CultureInfo.InvariantCulture,
                    $"{name} on {Path.GetFileName(folder.TrimEnd('/'))}: {train} training images, α = {alpha}"), parse.GetValue(fullAccuracy)), "--plot");
            }
            if (csvFile is not null) Written(csvFile.Target, "--csv", csvFile.Commit);
            if (plotFile is not null) Written(plotFile.Target, "--plot", plotFile.Commit);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Refuses a run whose tensors would pass the memory limit: each training and test image becomes a tensor of 784
    /// doubles, beside the data's bytes.
    /// </summary>
    private static void RequireMemory(MnistData set, int train, int test, long maxMemory)
    {
        double bytes = (double)set.TrainImages.Length + set.TestImages.Length + set.TrainLabels.Length + set.TestLabels.Length
            + (double)(train + test) * (Mnist.Side * Mnist.Side * sizeof(double) + 64) + (double)train * (Mnist.Classes * sizeof(double) + 64);
        if (bytes > maxMemory)
        {
            throw new UsageException($"{train} training and {test} test images need at least {bytes:0} bytes ({Limits.FormatBytes(bytes)}) of memory, " +
                $"more than --max-memory {maxMemory} bytes ({Limits.FormatBytes(maxMemory)}); use --train-size and --test-size");
        }
    }

    private static OutputFile? Output(string? path, string option) =>
        path is null ? null : Step(path, option, () => OutputFile.Create(path));

    private static void Write(OutputFile file, string text, string option) =>
        Written(file.Target, option, () => file.Stream.Write(new System.Text.UTF8Encoding(false).GetBytes(text)));

    /// <summary>Writes a checked output file: a failure now (a full disk) is exit code 4, and the old file stays.</summary>
    private static void Written(string path, string option, Action step)
    {
        try
        {
            step();
        }
        catch (Exception e) when (StandardStreams.IsWriteFailure(e))
        {
            throw new StreamWriteException($"{option} {Echo.Value(path)}", StandardStreams.Reason(e), e);
        }
    }

    /// <summary>Checks an output path, making a problem a usage error that names the option and the path.</summary>
    private static T Step<T>(string path, string option, Func<T> step)
    {
        try
        {
            return step();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{option} {Echo.Value(path)}: {(e is OutputPathException ? e.Message : $"cannot write ({e.Message})")}");
        }
    }

    private static void Step(string path, string option, Action step) => Step(path, option, () => { step(); return 0; });
}
