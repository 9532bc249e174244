using ReferenceNN.Networks;
using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using ReferenceNN.Cli.Data;
using ReferenceNN.Cli.Examples;
using ReferenceNN.Layers;
using ReferenceNN.Oracle;

namespace ReferenceNN.Benchmarks;

/// <summary>
/// The C# half of side-by-side.sh: trains one of the article's MNIST networks on the first N images of a data set by
/// per-sample gradient descent and prints, as JSON, each epoch's error and the time per training sample. With
/// --export DIR it first writes the initial weights and the data as .npy files, so that numpy_mnist.py starts from
/// exactly the same numbers.
/// </summary>
public static class SideBySide
{
    public static int Run(string[] args)
    {
        string network = Option(args, "--network", "fc");
        string data = Option(args, "--data", MnistData.DefaultFolder);
        int samples = int.Parse(Option(args, "--samples", "2000"), CultureInfo.InvariantCulture);
        int epochs = int.Parse(Option(args, "--epochs", "2"), CultureInfo.InvariantCulture);
        int seed = int.Parse(Option(args, "--seed", "1"), CultureInfo.InvariantCulture);
        string? export = args.Contains("--export") ? Option(args, "--export", "") : null;
        bool convolutional = network == "conv";

        MnistData set = MnistData.Load(data);
        Func<byte[], int, Tensor> input = convolutional ? MnistData.Image : MnistData.Row;
        Tensor[] inputs = Enumerable.Range(0, samples).Select(i => input(set.TrainImages, i)).ToArray();
        Tensor[] targets = Enumerable.Range(0, samples).Select(i => MnistData.OneHot(set.TrainLabels[i])).ToArray();
        Network net = convolutional ? Mnist.ConvolutionalNetwork(new SplitMix64(unchecked((ulong)(seed)))) : Mnist.FullyConnectedNetwork(new SplitMix64(unchecked((ulong)(seed))));

        if (export is not null)
        {
            Directory.CreateDirectory(export);
            for (int l = 0; l < net.Layers.Count; l++)
            {
                if (net.Layers[l].Parameters.Count == 0) continue;
                Save(Path.Combine(export, $"layer{l}.weights.npy"), net.Layers[l].Parameters[0].Value);
                Save(Path.Combine(export, $"layer{l}.bias.npy"), net.Layers[l].Parameters[1].Value);
            }
            Save(Path.Combine(export, "inputs.npy"), Stack(inputs));
            Save(Path.Combine(export, "targets.npy"), Stack(targets));
        }

        // Steady state: a throwaway network of the same shape trains first, so that the timed run is not charged with
        // the JIT's tiering (tier-0 code, then the optimised code after a delay), a one-time cost of a few hundred
        // milliseconds that a 4000-step run would otherwise spread over every sample. The full Fashion-MNIST runs,
        // where it is well under 1% of the time, give the same per-image time.
        Network warm = convolutional ? Mnist.ConvolutionalNetwork(new SplitMix64(0)) : Mnist.FullyConnectedNetwork(new SplitMix64(0));
        warm.SetTraining(true);
        var warmUp = Stopwatch.StartNew();
        for (int n = 0; warmUp.Elapsed.TotalSeconds < 1.0; n = (n + 1) % samples) warm.TrainSample(inputs[n], targets[n], Mnist.LearningRate);

        net.SetTraining(true);
        var errors = new double[epochs];
        var clock = Stopwatch.StartNew();
        for (int e = 0; e < epochs; e++)
        {
            double sum = 0;
            for (int n = 0; n < samples; n++) sum += net.TrainSample(inputs[n], targets[n], Mnist.LearningRate);
            errors[e] = sum / samples;
        }
        double perSample = clock.Elapsed.TotalSeconds / (samples * (double)epochs);
        Console.WriteLine("{\"implementation\": \"ReferenceNN\", \"epochErrors\": [" +
            string.Join(", ", errors.Select(x => x.ToString("R", CultureInfo.InvariantCulture))) +
            "], \"secondsPerSample\": " + perSample.ToString("R", CultureInfo.InvariantCulture) + "}");
        return 0;
    }

    private static Tensor Stack(Tensor[] samples)
    {
        int[] sizes = [samples.Length, .. samples[0].Shape.ToArray()];
        var stacked = new Tensor(Shape.Of(sizes));
        for (int n = 0; n < samples.Length; n++) samples[n].Span.CopyTo(stacked.Span.Slice(n * samples[n].Length));
        return stacked;
    }

    private static void Save(string path, Tensor tensor)
    {
        using FileStream file = File.Create(path);
        Npy.Write(tensor, file);
    }

    private static string Option(string[] args, string name, string fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }
}
