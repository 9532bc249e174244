using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.IO;
using System.Linq;
using ReferenceNN.Cli.Data;
using ReferenceNN.Oracle;

namespace ReferenceNN.Cli;

/// <summary>
/// The refnn command tree. Exit codes: 0 success, 1 a check that found a difference, 2 bad usage or bad input
/// (a one-line message on stderr, never a stack trace), 3 an internal error, 4 stdout or an output cannot be written
/// (a full disk, a closed pipe), 130 interrupted (Ctrl-C; 143 for SIGTERM). Arguments are taken as they are: response files
/// (<c>@file</c>) are off, so <c>@x.json</c> is a file like any other. Docs: docs/Cli/Commands.md.
/// </summary>
internal static class Commands
{
    /// <summary>Exit code for bad options, arguments or input files.</summary>
    public const int UsageError = 2;

    /// <summary>Exit code for an error that is ReferenceNN's fault, not the input's.</summary>
    public const int InternalError = 3;

    /// <summary>Exit code when stdout, or an output whose path was checked, cannot be written: a full disk, a closed or broken pipe.</summary>
    public const int StreamError = 4;

    /// <summary>Exit code after Ctrl-C (SIGINT), as shells report it: 128 + 2.</summary>
    public const int Interrupted = 130;

    /// <summary>Exit code after SIGTERM: 128 + 15.</summary>
    public const int Terminated = 143;

    /// <summary>Whether stdout is a terminal, so that long commands may show a live progress line.</summary>
    public static bool Interactive { get; set; }

    /// <summary>The parser's settings: no response files, so no argument is ever read as <c>@file</c>.</summary>
    public static ParserConfiguration Parsing { get; } = new() { ResponseFileTokenReplacer = null };

    /// <summary>
    /// Parses <paramref name="args"/> and runs the command, writing to the given streams. With a
    /// <paramref name="gate"/>, stdout is written and a failure reported only while no interruption is under way
    /// (docs/Cli/InterruptGate.md).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="args"/>, <paramref name="stdout"/> or <paramref name="stderr"/> is null.</exception>
    public static int Run(string[] args, Stream stdout, TextWriter stderr, InterruptGate? gate = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var output = new StandardStreams.GuardedStream(stdout, "stdout", gate);
        // Not disposed: it only flushes, which is done below where a failure is caught.
        TextWriter text = StandardStreams.Text(output);
        void Fail(string message)
        {
            gate?.BeforeFailure();
            StandardStreams.WriteLine(stderr, "refnn: " + message);
        }
        try
        {
            RootCommand root = Build(output);
            ParseResult parse = root.Parse(args, Parsing);
            if (parse.Errors.Count > 0)
            {
                Fail(ParseErrors.Explain(parse, root, args));
                return UsageError;
            }
            var configuration = new InvocationConfiguration { Output = text, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
            int code = parse.Invoke(configuration);
            text.Flush();
            output.Flush();
            return code;
        }
        catch (StreamWriteException e)
        {
            Fail(e.Message);
            return StreamError;
        }
        catch (Exception e) when (e is UsageException or CaseFileException or DataFileException)
        {
            Fail(e.Message);
            return UsageError;
        }
        catch (Exception e)
        {
            // A bug, not bad input: still one line, never a stack trace, and a distinct exit code.
            Fail($"internal error: {e.GetType().Name}: {e.Message} (please report it)");
            return InternalError;
        }
    }

    private static RootCommand Build(Stream stdout)
    {
        var root = new RootCommand(
            "ReferenceNN: a literal, verified C# translation of \"Math Neural Network from Scratch in Python\".");
        root.Subcommands.Add(XorCommand.Build());
        root.Subcommands.Add(ConvToyCommand.Build());
        root.Subcommands.Add(OracleCommands.Grad(stdout));
        root.Subcommands.Add(OracleCommands.Train(stdout));
        root.Subcommands.Add(OracleCommands.Check());
        root.Subcommands.Add(OracleCommands.GradCheck());
        root.Subcommands.Add(MnistCommand.Build(convolutional: false));
        root.Subcommands.Add(MnistCommand.Build(convolutional: true));
        foreach (VersionOption version in root.Options.OfType<VersionOption>()) version.Action = new PrintVersion();
        Options.RejectRepeats(root);
        Options.NamePlaceholders(root);
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
