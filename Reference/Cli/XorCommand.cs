using ReferenceNN.Networks;
using System;
using System.CommandLine;
using System.IO;
using ReferenceNN.Cli.Examples;

namespace ReferenceNN.Cli;

/// <summary><c>refnn xor</c>: the article's XOR example.</summary>
internal static class XorCommand
{
    public static Command Build()
    {
        var seed = new Option<int>("--seed")
        {
            Description = "Seed of the Random that draws the initial weights and biases.",
            DefaultValueFactory = _ => Xor.DefaultSeed,
        };
        var epochs = new Option<int>("--epochs")
        {
            Description = "Number of passes over the four samples (at least 1).",
            DefaultValueFactory = _ => Xor.Epochs,
        };
        Option<Options.Number> learningRate = Options.Double("--learning-rate", "Gradient-descent step α (a finite number).", Xor.LearningRate);
        Option<bool> literal = Options.Literal();
        var command = new Command("xor",
            "Train the article's XOR network: FC(2→3), tanh, FC(3→1), tanh, MSE, per-sample gradient descent. " +
            "Prints one line per epoch, then the four predictions.")
        {
            seed, epochs, learningRate, literal,
        };
        command.SetAction(parse =>
        {
            int epochCount = parse.GetValue(epochs);
            double alpha = parse.GetValue(learningRate).Value;
            if (epochCount < 1) throw new UsageException($"--epochs must be at least 1, not {epochCount}.");
            if (!double.IsFinite(alpha)) throw new UsageException($"--learning-rate must be a finite number, not {alpha}.");
            TextWriter output = parse.InvocationConfiguration.Output;
            Network network = Xor.Build(parse.GetValue(seed));
            network.Kernels = Options.KernelsOf(parse, literal);
            Tensor[] inputs = Xor.Inputs();
            network.Fit(inputs, Xor.Targets(), epochCount, alpha, report => output.WriteLine(report));
            Tensor[] predictions = network.Predict(inputs);
            for (int n = 0; n < inputs.Length; n++)
            {
                output.WriteLine($"input {inputs[n]}   prediction {predictions[n]}");
            }
            return 0;
        });
        return command;
    }
}
