using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.IO;
using System.Linq;

namespace ReferenceNN.Cli;

/// <summary>
/// The refnn command tree. Exit codes: 0 success, 1 a check that found a difference, 2 bad usage or bad input
/// (a one-line message on stderr, never a stack trace).
/// </summary>
public static class Commands
{
    /// <summary>Exit code for bad options, arguments or input files.</summary>
    public const int UsageError = 2;

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
    }

    private static RootCommand Build()
    {
        var root = new RootCommand(
            "ReferenceNN: a literal, verified C# translation of \"Math Neural Network from Scratch in Python\".");
        root.Subcommands.Add(XorCommand.Build());
        root.Subcommands.Add(ConvToyCommand.Build());
        return root;
    }
}

/// <summary>A problem with what the user gave; refnn prints its message as one line and exits with code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
