using System;
using System.CommandLine;
using System.IO;
using ReferenceNN.Checking;
using ReferenceNN.Oracle;

namespace ReferenceNN.Cli;

/// <summary>The oracle's commands: grad, train, check and gradcheck over case files (docs/Oracle.md).</summary>
internal static class OracleCommands
{
    public static Command Grad()
    {
        Argument<string> casePath = CaseArgument();
        Option<string?> npy = NpyOption();
        var command = new Command("grad",
            "Print, as referencenn/result@1 JSON, the output, the loss, ∂E/∂X and every layer's ∂E/∂W and ∂E/∂B for the case's input and target.")
        {
            casePath, npy,
        };
        command.SetAction(parse =>
        {
            OracleCase oracleCase = CaseFile.Load(parse.GetValue(casePath)!);
            OracleResult result = OracleResult.Compute(oracleCase);
            string json = ResultFile.Write(result);
            if (parse.GetValue(npy) is { } directory) WriteNpy(() => ResultFile.WriteNpy(result, directory), directory);
            parse.InvocationConfiguration.Output.Write(json);
            return 0;
        });
        return command;
    }

    public static Command Train()
    {
        Argument<string> casePath = CaseArgument();
        Option<string?> npy = NpyOption();
        var command = new Command("train",
            "Train the case's network from its weights on its \"train\" set with the article's per-sample gradient descent, " +
            "and print referencenn/trained@1 JSON: the epoch errors and the trained network in case format.")
        {
            casePath, npy,
        };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(casePath)!;
            OracleCase oracleCase = CaseFile.Load(path);
            TrainSpec train = oracleCase.Train ?? throw new CaseFileException(path, "$.train", "is missing; refnn train needs a training set");
            double[] errors = oracleCase.Network.Fit(train.Inputs, train.Targets, train.Epochs, train.LearningRate);
            string json = ResultFile.WriteTrained(oracleCase, errors);
            if (parse.GetValue(npy) is { } directory) WriteNpy(() => ResultFile.WriteTrainedNpy(oracleCase, errors, directory), directory);
            parse.InvocationConfiguration.Output.Write(json);
            return 0;
        });
        return command;
    }

    public static Command Check()
    {
        Argument<string> casePath = CaseArgument();
        var resultPath = new Argument<string>("RESULT") { Description = "Another implementation's answer for the case, in referencenn/result@1 JSON." };
        var rtol = new Option<double>("--rtol")
        {
            Description = "Relative tolerance: an element agrees when |reference − yours| ≤ atol + rtol·|reference|. For float32 implementations use 1e-4.",
            DefaultValueFactory = _ => ResultComparison.DefaultRelativeTolerance,
        };
        var atol = new Option<double>("--atol")
        {
            Description = "Absolute tolerance (see --rtol). For float32 implementations use 1e-6.",
            DefaultValueFactory = _ => ResultComparison.DefaultAbsoluteTolerance,
        };
        var command = new Command("check",
            "Compare another implementation's result with the reference, tensor by tensor: worst absolute, relative and ULP differences, " +
            "and the first element outside the tolerance. Exit code 0 if all agree, 1 if not.")
        {
            casePath, resultPath, rtol, atol,
        };
        command.SetAction(parse =>
        {
            double r = parse.GetValue(rtol), a = parse.GetValue(atol);
            if (!(r >= 0) || double.IsInfinity(r)) throw new UsageException($"--rtol must be a finite number ≥ 0, not {r}.");
            if (!(a >= 0) || double.IsInfinity(a)) throw new UsageException($"--atol must be a finite number ≥ 0, not {a}.");
            OracleCase oracleCase = CaseFile.Load(parse.GetValue(casePath)!);
            string file = parse.GetValue(resultPath)!;
            OracleResult theirs = ResultComparison.ReadResult(CaseFile.ReadText(file), file);
            ResultComparison comparison = ResultComparison.Compare(OracleResult.Compute(oracleCase), theirs, r, a);
            parse.InvocationConfiguration.Output.Write(comparison.ToString());
            return comparison.Agrees ? 0 : 1;
        });
        return command;
    }

    public static Command GradCheck()
    {
        Argument<string> casePath = CaseArgument();
        var rtol = new Option<double>("--rtol") { Description = "The checker's relative tolerance.", DefaultValueFactory = _ => GradientCheckOptions.Default.RelativeTolerance };
        var atol = new Option<double>("--stol") { Description = "The checker's tolerance relative to the scale of each tensor (its largest |numeric| element).", DefaultValueFactory = _ => GradientCheckOptions.Default.ScaleTolerance };
        var seed = new Option<int>("--seed") { Description = "Seed of the random upstream gradients and Taylor direction.", DefaultValueFactory = _ => 1 };
        var command = new Command("gradcheck",
            "Run the verification core on the case itself: finite differences (Richardson) of every derivative, the adjoint identity for " +
            "every linear layer, and a Taylor test of the whole gradient. Prints a table; exit code 0 if all pass, 1 if not.")
        {
            casePath, rtol, atol, seed,
        };
        command.SetAction(parse =>
        {
            double r = parse.GetValue(rtol), a = parse.GetValue(atol);
            if (!(r >= 0) || double.IsInfinity(r)) throw new UsageException($"--rtol must be a finite number ≥ 0, not {r}.");
            if (!(a >= 0) || double.IsInfinity(a)) throw new UsageException($"--stol must be a finite number ≥ 0, not {a}.");
            OracleCase oracleCase = CaseFile.Load(parse.GetValue(casePath)!);
            CaseGradCheck check = CaseGradCheck.Run(oracleCase, new GradientCheckOptions { RelativeTolerance = r, ScaleTolerance = a }, parse.GetValue(seed));
            parse.InvocationConfiguration.Output.Write(check.ToString());
            return check.Passed ? 0 : 1;
        });
        return command;
    }

    private static Argument<string> CaseArgument() => new("CASE") { Description = "A referencenn/case@1 JSON file (docs/Oracle.md)." };

    private static Option<string?> NpyOption() => new("--npy")
    {
        Description = "Also write every output tensor as a NumPy .npy file into this folder.",
        HelpName = "DIR",
    };

    private static void WriteNpy(Action write, string directory)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--npy {directory}: cannot write ({e.Message})");
        }
    }
}
