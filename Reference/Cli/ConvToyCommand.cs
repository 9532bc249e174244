using ReferenceNN.Networks;
using System.CommandLine;
using System.IO;
using ReferenceNN.Cli.Examples;

namespace ReferenceNN.Cli;

/// <summary><c>refnn conv-toy</c>: the article's conv-only toy, with the correct convolution.</summary>
internal static class ConvToyCommand
{
    public static Command Build()
    {
        var seed = new Option<int>("--seed")
        {
            Description = "Seed of the Random that draws the input, the target and then the weights.",
            DefaultValueFactory = _ => ConvToy.DefaultSeed,
        };
        var epochs = new Option<int>("--epochs")
        {
            Description = "Number of epochs (at least 1).",
            DefaultValueFactory = _ => ConvToy.Epochs,
        };
        Option<bool> literal = Options.Literal();
        var command = new Command("conv-toy",
            "Train the article's conv-only toy: three 3×3 convolutions with tanh (10×10×1 → 4×4×2), MSE, learning rate 0.3, " +
            "on one random input and target. Prints one line per epoch, then the output beside the target.")
        {
            seed, epochs, literal,
        };
        command.SetAction(parse =>
        {
            int epochCount = parse.GetValue(epochs);
            if (epochCount < 1) throw new UsageException($"--epochs must be at least 1, not {epochCount}.");
            TextWriter output = parse.InvocationConfiguration.Output;
            (Network network, Tensor input, Tensor target) = ConvToy.Build(parse.GetValue(seed));
            network.Kernels = Options.KernelsOf(parse, literal);
            network.Fit([input], [target], epochCount, ConvToy.LearningRate, report => output.WriteLine(report));
            output.WriteLine($"output {network.Predict([input])[0]}");
            output.WriteLine($"target {target}");
            return 0;
        });
        return command;
    }
}
