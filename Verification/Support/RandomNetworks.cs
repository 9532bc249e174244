using ReferenceNN.Networks;
using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using ReferenceNN.Activations;
using ReferenceNN.Layers;
using ReferenceNN.Losses;

namespace ReferenceNN.Verification.Support;

/// <summary>
/// A random whole network: an image part (convolutions, max pooling, activations, dropout with fixed masks) and a
/// flatten, or a plain row input; then dense layers with activations; then a loss with a fitting last layer (MSE
/// after anything, BCE after a sigmoid, cross-entropy after a softmax). FsCheck draws the plan; the seed draws
/// every weight, mask, input and target.
/// </summary>
public sealed record NetworkCase(bool Image, int Height, int Width, int Depth, string[] Plan, string Loss, int Seed)
{
    /// <summary>The smallest distance kept from a kink (ReLU's 0, a max-pool tie) at the evaluation point.</summary>
    public const double KinkMargin = 0.02;

    public Shape InputShape => Image ? new Shape(Height, Width, Depth) : new Shape(1, Width);

    public Network Build()
    {
        var random = new Rng(Seed);
        var network = new Network();
        Shape shape = InputShape;
        foreach (string step in Plan)
        {
            string[] parts = step.Split(':');
            Layer layer = parts[0] switch
            {
                "conv" => new Convolution(shape, int.Parse(parts[1]), int.Parse(parts[2]), int.Parse(parts[3]), random),
                "pool" => new MaxPooling(shape, int.Parse(parts[1]), int.Parse(parts[2]), int.Parse(parts[3]), int.Parse(parts[3])),
                "flatten" => new Flatten(shape),
                "dense" => new FullyConnected(shape[1], int.Parse(parts[1]), random),
                "dropout" => DropoutWithMask(shape, random),
                "softmax" => new Softmax(shape),
                _ => new ActivationLayer(shape, ActivationNamed(parts[0])),
            };
            network.Add(layer);
            shape = layer.OutputShape;
        }
        network.Use(Loss switch { "bce" => BinaryCrossEntropy.Instance, "ce" => CrossEntropy.Instance, _ => MeanSquaredError.Instance });
        foreach (Layer layer in network.Layers) layer.IsTraining = true;
        return network;
    }

    public Tensor Input() => RandomTensor.Uniform(InputShape, new Rng(Seed ^ 0x5eed), -2, 2);

    public Tensor Target(Shape shape)
    {
        var random = new Rng(Seed ^ 0x7a67);
        Tensor target = RandomTensor.Uniform(shape, random, Loss == "mse" ? -1 : 0.05, 1);
        if (Loss == "ce")
        {
            double sum = target.Span.ToArray().Sum();
            for (int n = 0; n < target.Length; n++) target.Span[n] /= sum;
        }
        return target;
    }

    /// <summary>
    /// Whether, at the case's input, every ReLU input is at least <see cref="KinkMargin"/> from 0 and every max-pool
    /// window's maximum leads its runner-up by at least that much: the finite differences then stay on one side.
    /// </summary>
    public bool AwayFromKinks(Network network)
    {
        network.Forward(Input());
        foreach (Layer layer in network.Layers)
        {
            if (layer is ActivationLayer { Activation: ReLU or LeakyReLU } && layer.Input.Span.ToArray().Any(x => Math.Abs(x) < KinkMargin)) return false;
            if (layer is MaxPooling pool && SmallestLead(pool) < KinkMargin) return false;
        }
        return true;
    }

    /// <summary>
    /// Which side of each kink the last forward pass was on: the sign of every ReLU input and the position of every
    /// max-pool window's maximum. While it stays the same, the network is smooth along the path taken.
    /// </summary>
    public static string KinkPattern(Network network)
    {
        var pattern = new System.Text.StringBuilder();
        foreach (Layer layer in network.Layers)
        {
            if (layer is ActivationLayer { Activation: ReLU or LeakyReLU })
            {
                foreach (double x in layer.Input.Span) pattern.Append(x > 0 ? '+' : '-');
            }
            if (layer is MaxPooling pool)
            {
                pool.Backward(new Tensor(pool.OutputShape));
                for (int o = 0; o < pool.OutputShape.Size; o++)
                {
                    var unit = new Tensor(pool.OutputShape);
                    unit.Span[o] = 1;
                    pattern.Append(pool.Backward(unit).Span.IndexOf(1.0)).Append(',');
                }
            }
            pattern.Append('|');
        }
        return pattern.ToString();
    }

    public override string ToString() =>
        $"NetworkCase {{ Input = {InputShape}, Plan = [{string.Join(", ", Plan)}], Loss = {Loss}, Seed = {Seed} }}";

    private static double SmallestLead(MaxPooling pool)
    {
        Tensor x = pool.Input;
        double smallest = double.PositiveInfinity;
        for (int r = 0; r < pool.OutputShape[0]; r++)
        for (int c = 0; c < pool.OutputShape[1]; c++)
        for (int ch = 0; ch < pool.OutputShape[2]; ch++)
        {
            var window = new List<double>();
            for (int a = 0; a < pool.PoolHeight; a++)
            for (int b = 0; b < pool.PoolWidth; b++)
            {
                window.Add(x[r * pool.StrideHeight + a, c * pool.StrideWidth + b, ch]);
            }
            window.Sort();
            if (window.Count > 1) smallest = Math.Min(smallest, window[^1] - window[^2]);
        }
        return smallest;
    }

    private static Dropout DropoutWithMask(Shape shape, Rng random)
    {
        var mask = new Tensor(shape);
        for (int n = 0; n < mask.Length; n++) mask.Span[n] = random.NextDouble() >= 0.3 ? 1 : 0;
        return new Dropout(shape, 0.3, mask);
    }

    private static Activation ActivationNamed(string name) => name switch
    {
        "tanh" => Tanh.Instance,
        "sigmoid" => Sigmoid.Instance,
        "relu" => ReLU.Instance,
        "leaky_relu" => new LeakyReLU(0.1),
        _ => Softplus.Instance,
    };
}

public static class NetworkCases
{
    private static readonly string[] Activations = ["tanh", "sigmoid", "relu", "leaky_relu", "softplus"];

    public static Arbitrary<NetworkCase> NetworkCase() =>
        (from image in Gen.Elements(true, false)
         from height in Gen.Choose(3, 7)
         from width in Gen.Choose(3, 7)
         from depth in Gen.Choose(1, 2)
         from imageSteps in Gen.ListOf(Gen.Choose(0, 99), image ? 3 : 0)
         from denseSteps in Gen.ListOf(Gen.Choose(0, 99), 3)
         from denseCount in Gen.Choose(image ? 0 : 1, 3)
         from loss in Gen.Elements("mse", "bce", "ce")
         from seed in Arbitraries.Seed
         select MakeCase(image, height, width, depth, imageSteps.ToArray(), denseSteps.Take(denseCount).ToArray(), loss, seed))
        .ToArbitrary();

    /// <summary>Turns raw draws into a chain whose shapes fit, step by step.</summary>
    private static NetworkCase MakeCase(bool image, int height, int width, int depth, int[] imageDraws, int[] denseDraws, string loss, int seed)
    {
        var plan = new List<string>();
        (int h, int w, int d) = (height, width, image ? depth : 1);
        foreach (int draw in imageDraws)
        {
            switch (draw % 4)
            {
                case 0 when h >= 2 && w >= 2:
                    int m = 1 + draw / 4 % 2, n = 1 + draw / 8 % 2, k = 1 + draw / 16 % 2;
                    plan.Add($"conv:{m}:{n}:{k}");
                    (h, w, d) = (h - m + 1, w - n + 1, k);
                    break;
                case 1 when h >= 2 && w >= 2:
                    int stride = 1 + draw / 4 % 2;
                    plan.Add($"pool:2:2:{stride}");
                    (h, w) = ((h - 2) / stride + 1, (w - 2) / stride + 1);
                    break;
                case 2:
                    plan.Add("dropout");
                    break;
                default:
                    plan.Add(Activations[draw / 4 % Activations.Length]);
                    break;
            }
        }
        int columns = width;
        if (image)
        {
            plan.Add("flatten");
            columns = h * w * d;
        }
        foreach (int draw in denseDraws)
        {
            columns = 1 + draw % 5;
            plan.Add($"dense:{columns}");
            plan.Add(Activations[draw / 5 % Activations.Length]);
        }
        if (loss == "bce") plan.Add("sigmoid");
        if (loss == "ce") plan.Add("softmax");
        return new NetworkCase(image, height, width, depth, plan.ToArray(), loss, seed);
    }
}
