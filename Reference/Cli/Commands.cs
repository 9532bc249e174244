using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.IO;
using System.Linq;
using ReferenceNN.Oracle;

namespace ReferenceNN.Cli;

/// <summary>
/// The refnn command tree. Exit codes: 0 success, 1 a check that found a difference, 2 bad usage or bad input
/// (a one-line message on stderr, never a stack trace), 3 an internal error.
/// </summary>
internal static class Commands
{
    /// <summary>Exit code for bad options, arguments or input files.</summary>
    public const int UsageError = 2;

    /// <summary>Whether stdout is a terminal, so that long commands may show a live progress line.</summary>
    public static bool Interactive { get; set; }

    /// <summary>Exit code for an error that is ReferenceNN's fault, not the input's.</summary>
    public const int InternalError = 3;

    /// <summary>Parses <paramref name="args"/> and runs the command, writing to the given streams.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        RootCommand root = Build();
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            stderr.WriteLine($"refnn: {parse.Errors[0].Message} (see refnn --help)");
            return UsageError;
        }
        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        try
        {
            return parse.Invoke(configuration);
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"refnn: {e.Message}");
            return UsageError;
        }
        catch (CaseFileException e)
        {
            stderr.WriteLine($"refnn: {e.Message}");
            return UsageError;
        }
        catch (ReferenceNN.Cli.Data.DataFileException e)
        {
            stderr.WriteLine($"refnn: {e.Message}");
            return UsageError;
        }
        catch (Exception e)
        {
            // A bug, not bad input: still one line, never a stack trace, and a distinct exit code.
            stderr.WriteLine($"refnn: internal error: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")} (please report it)");
            return InternalError;
        }
    }

    private static RootCommand Build()
    {
        var root = new RootCommand(
            "ReferenceNN: a literal, verified C# translation of \"Math Neural Network from Scratch in Python\".");
        root.Subcommands.Add(XorCommand.Build());
        root.Subcommands.Add(ConvToyCommand.Build());
        root.Subcommands.Add(OracleCommands.Grad());
        root.Subcommands.Add(OracleCommands.Train());
        root.Subcommands.Add(OracleCommands.Check());
        root.Subcommands.Add(OracleCommands.GradCheck());
        root.Subcommands.Add(MnistCommand.Build(convolutional: false));
        root.Subcommands.Add(MnistCommand.Build(convolutional: true));
        foreach (VersionOption version in root.Options.OfType<VersionOption>()) version.Action = new PrintVersion();
        return root;
    }
}

/// <summary>A problem with what the user gave; refnn prints its message as one line and exits with code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>
/// <c>refnn --version</c>: the version with the commit it was built from (e.g. <c>0.1.0+e1c7fae…</c>), read from
/// refnn's own assembly rather than from whichever program is the entry point.
/// </summary>
internal sealed class PrintVersion : System.CommandLine.Invocation.SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        string version = typeof(PrintVersion).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().Single().InformationalVersion;
        parseResult.InvocationConfiguration.Output.WriteLine(version);
        return 0;
    }
}
