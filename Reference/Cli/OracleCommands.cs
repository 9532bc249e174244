using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using ReferenceNN.Checking;
using ReferenceNN.Oracle;

namespace ReferenceNN.Cli;

/// <summary>
/// The oracle's commands: grad, train, check and gradcheck over case files (docs/Oracle.md). Each checks its output
/// paths before any work, reads its files within the limits (<see cref="Options.LimitOptions"/>), refuses a case whose
/// estimated memory or work is over them before computing, and streams its JSON to stdout as it is produced.
/// </summary>
internal static class OracleCommands
{
    public static Command Grad(Stream stdout)
    {
        Argument<string> casePath = CaseArgument();
        Option<string?> npy = NpyOption();
        var command = new Command("grad",
            "Print, as referencenn/result@1 JSON, the output, the loss, ∂E/∂X and every layer's ∂E/∂W and ∂E/∂B for the case's input and target.")
        {
            casePath, npy,
        };
        var limits = new Options.LimitOptions(command, work: true);
        command.SetAction(parse =>
        {
            string path = InputPath(parse.GetValue(casePath), "CASE");
            string? directory = parse.GetValue(npy);
            using OutputFolder? folder = directory is null ? null : Npy(directory, () => OutputFolder.Create(directory, path));
            OracleCase oracleCase = CaseFile.Load(path, new Budget(limits.LimitsOf(parse)) { Command = CaseCommand.Grad });
            oracleCase.Cost.RequireGrad(oracleCase.Budget, path);
            if (folder is not null) Npy(directory!, () => folder.RejectInputs(oracleCase.Budget.Files));
            OracleResult result = OracleResult.Compute(oracleCase);
            if (folder is not null) Write(directory!, () => ResultFile.WriteNpy(result, folder));
            ResultFile.Write(result, stdout);
            if (folder is not null) Write(directory!, folder.Commit);
            return 0;
        });
        return command;
    }

    public static Command Train(Stream stdout)
    {
        Argument<string> casePath = CaseArgument();
        Option<string?> npy = NpyOption();
        var command = new Command("train",
            "Train the case's network from its weights on its \"train\" set with the article's per-sample gradient descent, " +
            "and print referencenn/trained@1 JSON: the epoch errors and the trained network in case format.")
        {
            casePath, npy,
        };
        Option<bool> literal = Options.Literal();
        command.Options.Add(literal);
        var limits = new Options.LimitOptions(command, work: true);
        command.SetAction(parse =>
        {
            string path = InputPath(parse.GetValue(casePath), "CASE");
            string? directory = parse.GetValue(npy);
            using OutputFolder? folder = directory is null ? null : Npy(directory, () => OutputFolder.Create(directory, path));
            OracleCase oracleCase = CaseFile.Load(path, new Budget(limits.LimitsOf(parse)) { Command = CaseCommand.Train });
            oracleCase.Network.Kernels = Options.KernelsOf(parse, literal);
            TrainSpec train = oracleCase.Train ?? throw new CaseFileException(path, "$.train", "is missing; refnn train needs a training set");
            oracleCase.Cost.RequireTrain(oracleCase.Budget, path, train.Epochs, train.Inputs.Length);
            if (folder is not null) Npy(directory!, () => folder.RejectInputs(oracleCase.Budget.Files));
            using Stream? errorsFile = folder is null ? null : Write(directory!, () => folder.CreateFile("epochErrors.npy"));
            if (errorsFile is not null) Write(directory!, () => ReferenceNN.Oracle.Npy.WriteVectorHeader(errorsFile, train.Epochs));
            ResultFile.WriteTrained(oracleCase, EpochErrors(oracleCase, train, errorsFile, directory), stdout);
            if (folder is not null)
            {
                Write(directory!, () => ((FileStream)errorsFile!).Flush(flushToDisk: true));
                Write(directory!, () => ResultFile.WriteNetworkNpy(oracleCase, folder));
                Write(directory!, folder.Commit);
            }
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The article's training, epoch by epoch, yielding each epoch's mean error as soon as it is known (and appending
    /// it to <paramref name="errorsFile"/>), so that nothing grows with the number of epochs. It is
    /// <see cref="ReferenceNN.Networks.Network.Fit"/>'s loop — training on for the run, per-sample steps in order, the
    /// sum of the samples' errors divided by their number — and gives the same numbers bit for bit.
    /// </summary>
    internal static IEnumerable<double> EpochErrors(OracleCase oracleCase, TrainSpec train, Stream? errorsFile, string? directory)
    {
        var network = oracleCase.Network;
        network.SetTraining(true);
        try
        {
            for (int epoch = 0; epoch < train.Epochs; epoch++)
            {
                double error = 0;
                for (int sample = 0; sample < train.Inputs.Length; sample++)
                {
                    error += network.TrainSample(train.Inputs[sample], train.Targets[sample], train.LearningRate);
                }
                error /= train.Inputs.Length;
                if (errorsFile is not null) Write(directory!, () => ReferenceNN.Oracle.Npy.WriteValues(errorsFile, [error]));
                yield return error;
            }
        }
        finally
        {
            network.SetTraining(false);
        }
    }

    public static Command Check()
    {
        Argument<string> casePath = CaseArgument();
        var resultPath = new Argument<string>("RESULT") { Description = "Another implementation's answer for the case, in referencenn/result@1 JSON." };
        Option<Options.Number> rtol = Options.Double("--rtol",
            "float64 only. Relative tolerance: an element agrees when |reference − yours| ≤ atol + rtol·|reference|.",
            ResultComparison.DefaultRelativeTolerance);
        Option<Options.Number> atol = Options.Double("--atol", "float64 only. Absolute tolerance (see --rtol).", ResultComparison.DefaultAbsoluteTolerance);
        var dtype = new Option<string>("--dtype")
        {
            Description = "The precision RESULT was computed in: float64, or float32 to hold each element to its derived float32 bound " +
                "instead of tolerances. Default: the result file's \"dtype\", else float64.",
            HelpName = "float64|float32",
        };
        var command = new Command("check",
            "Compare another implementation's result with the reference, tensor by tensor: worst absolute, relative and ULP differences, " +
            "and the first element outside the tolerance (float32: beyond its derived rounding bound). Exit code 0 if all agree, 1 if not.")
        {
            casePath, resultPath, rtol, atol, dtype,
        };
        var limits = new Options.LimitOptions(command, work: true);
        command.SetAction(parse =>
        {
            double r = parse.GetValue(rtol).Value, a = parse.GetValue(atol).Value;
            RequireTolerance("--rtol", r);
            RequireTolerance("--atol", a);
            Precision? named = null;
            if (parse.GetValue(dtype) is { } text)
            {
                named = ResultComparison.ParsePrecision(text)
                    ?? throw new UsageException($"--dtype: {Echo.Quote(text)} is not a precision refnn checks (write float64 or float32)");
            }
            string path = InputPath(parse.GetValue(casePath), "CASE");
            string file = InputPath(parse.GetValue(resultPath), "RESULT");
            OracleCase oracleCase = CaseFile.Load(path, new Budget(limits.LimitsOf(parse)) { Command = CaseCommand.Grad });
            oracleCase.Cost.RequireGrad(oracleCase.Budget, path);
            OracleResult theirs = ResultComparison.ReadResult(CaseFile.ReadBytes(file, oracleCase.Budget), file, oracleCase.Budget, out Precision? declared);
            if (named is { } n && declared is { } d && n != d)
            {
                throw new UsageException($"--dtype {ResultComparison.Name(n)}: {Echo.Quote(file)} declares \"dtype\": \"{ResultComparison.Name(d)}\"; give the precision it was computed in, once");
            }
            Precision precision = named ?? declared ?? Precision.Float64;
            bool tolerances = parse.GetResult(rtol) is { Implicit: false } || parse.GetResult(atol) is { Implicit: false };
            if (precision == Precision.Float32 && tolerances)
            {
                throw new UsageException("--rtol/--atol: a float32 result is held to each element's derived float32 bound, not to tolerances; drop them");
            }
            if (precision == Precision.Float32) oracleCase.Cost.RequireFloat32Check(oracleCase.Budget, path, Float32Reference.EvaluationsOf(oracleCase));
            ResultComparison comparison = precision == Precision.Float32
                ? ResultComparison.CompareFloat32(oracleCase, theirs)
                : ResultComparison.Compare(OracleResult.Compute(oracleCase), theirs, r, a);
            parse.InvocationConfiguration.Output.Write(comparison.ToString());
            return comparison.Agrees ? 0 : 1;
        });
        return command;
    }

    public static Command GradCheck()
    {
        Argument<string> casePath = CaseArgument();
        Option<Options.Number> rtol = Options.Double("--rtol", "The checker's relative tolerance.", GradientCheckOptions.Default.RelativeTolerance);
        Option<Options.Number> atol = Options.Double("--stol", "The checker's tolerance relative to the scale of each tensor (its largest |numeric| element).", GradientCheckOptions.Default.ScaleTolerance);
        var seed = new Option<int>("--seed") { Description = "Seed of the random upstream gradients and Taylor direction.", DefaultValueFactory = _ => 1 };
        var command = new Command("gradcheck",
            "Run the verification core on the case itself: finite differences (Richardson) of every derivative, the adjoint identity for " +
            "every linear layer, and a Taylor test of the whole gradient. Prints a table; exit code 0 if all pass, 1 if not.")
        {
            casePath, rtol, atol, seed,
        };
        var limits = new Options.LimitOptions(command, work: true);
        command.SetAction(parse =>
        {
            double r = parse.GetValue(rtol).Value, a = parse.GetValue(atol).Value;
            RequireTolerance("--rtol", r);
            RequireTolerance("--stol", a);
            string path = InputPath(parse.GetValue(casePath), "CASE");
            OracleCase oracleCase = CaseFile.Load(path, new Budget(limits.LimitsOf(parse)) { Command = CaseCommand.GradCheck });
            oracleCase.Cost.RequireGradCheck(oracleCase.Budget, path);
            CaseGradCheck check = CaseGradCheck.Run(oracleCase, new GradientCheckOptions { RelativeTolerance = r, ScaleTolerance = a }, parse.GetValue(seed));
            parse.InvocationConfiguration.Output.Write(check.ToString());
            return check.Passed ? 0 : 1;
        });
        return command;
    }

    private static void RequireTolerance(string name, double value)
    {
        if (!(value >= 0) || double.IsInfinity(value)) throw new UsageException($"{name} must be a finite number ≥ 0, not {JsonTensor.Format(value)}.");
    }

    /// <summary>An input path as given, after refusing an empty one or one holding a NUL character.</summary>
    internal static string InputPath(string? path, string name)
    {
        try
        {
            InputFile.CheckPath(path ?? "");
            return path!;
        }
        catch (InputFileException e)
        {
            throw new UsageException($"{name}: {e.Message}");
        }
    }

    private static Argument<string> CaseArgument() => new("CASE") { Description = "A referencenn/case@1 JSON file (docs/Oracle.md)." };

    private static Option<string?> NpyOption() => new("--npy")
    {
        Description = "Also write every output tensor as a NumPy .npy file into this folder, replacing the set it holds as a whole " +
            "(it must be new, empty, or hold only files refnn writes).",
        HelpName = "DIR",
    };

    /// <summary>Checks an output path for --npy, making a problem a usage error that names the option and the folder.</summary>
    private static T Npy<T>(string directory, Func<T> step)
    {
        try
        {
            return step();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--npy {Echo.Value(directory)}: {(e is OutputPathException ? e.Message : $"cannot write ({e.Message})")}");
        }
    }

    private static void Npy(string directory, Action step) => Npy(directory, () => { step(); return 0; });

    /// <summary>
    /// Writes to the checked --npy folder: a failure now (a full disk) is the environment's, not the input's — a
    /// <see cref="StreamWriteException"/>, exit code 4 — and the folder is left as it was.
    /// </summary>
    private static T Write<T>(string directory, Func<T> step)
    {
        try
        {
            return step();
        }
        catch (Exception e) when (StandardStreams.IsWriteFailure(e))
        {
            throw new StreamWriteException($"--npy {Echo.Value(directory)}", StandardStreams.Reason(e), e);
        }
    }

    private static void Write(string directory, Action step) => Write(directory, () => { step(); return 0; });
}
