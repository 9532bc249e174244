using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Linq;
using System.Text.RegularExpressions;
using ReferenceNN.Oracle;

namespace ReferenceNN.Cli;

/// <summary>
/// The one line refnn prints for a command line it cannot parse: in refnn's words rather than .NET's (no
/// <c>System.Int32</c>), every echoed token escaped, an unknown command named with the nearest one, and the help of
/// the command that was meant (<c>refnn xor --help</c>, not <c>refnn --help</c>). Docs: docs/Cli/Commands.md.
/// </summary>
internal static partial class ParseErrors
{
    /// <summary>The message for the first of <paramref name="parse"/>'s errors, ending with which help to read.</summary>
    public static string Explain(ParseResult parse, RootCommand root, string[] args)
    {
        Command command = parse.CommandResult.Command;
        string[] names = root.Subcommands.Select(c => c.Name).ToArray();
        if (ReferenceEquals(command, root))
        {
            string? first = args.FirstOrDefault(a => !a.StartsWith('-'));
            if (args.Length == 0)
                return $"no command given; the commands are {string.Join(", ", names)} (see refnn --help)";
            if (first is not null && !names.Contains(first, StringComparer.Ordinal))
            {
                string? near = Nearest(first, names);
                return $"unknown command {Echo.Quote(first)}{(near is null ? "" : $" (did you mean {near}?)")}; " +
                       $"the commands are {string.Join(", ", names)} (see refnn --help)";
            }
        }
        string help = ReferenceEquals(command, root) ? "refnn --help" : $"refnn {command.Name} --help";
        return $"{Plain(parse.Errors[0].Message)} (see {help})";
    }

    /// <summary>System.CommandLine's message with .NET type names put in words and the user's tokens escaped.</summary>
    internal static string Plain(string message)
    {
        Match parse = CannotParse().Match(message);
        if (parse.Success)
            return $"{parse.Groups["name"].Value}: {Echo.Quote(parse.Groups["token"].Value)} is not {Kind(parse.Groups["type"].Value)}";
        Match unknown = Unrecognized().Match(message);
        if (unknown.Success)
            return $"unknown option or argument {Echo.Quote(unknown.Groups["token"].Value)}";
        return Echo.Line(message);
    }

    private static string Kind(string type) => type switch
    {
        "System.Int32" or "System.Int64" => "a whole number",
        "System.Double" => "a number",
        "System.Boolean" => "true or false",
        _ => "of the right kind",
    };

    /// <summary>The command a mistyped name most likely meant: the same letters in another case, or one edit
    /// away (two for names of eight letters or more), so that <c>foo</c> suggests nothing rather than <c>xor</c>.</summary>
    internal static string? Nearest(string typed, string[] names)
    {
        string? exact = names.FirstOrDefault(n => string.Equals(n, typed, StringComparison.OrdinalIgnoreCase));
        if (exact is not null) return exact;
        if (typed.Length > 64) return null;
        string lower = typed.ToLowerInvariant();
        (string Name, int Distance) best = names.Select(n => (n, Distance(lower, n))).MinBy(p => p.Item2);
        return best.Distance <= Math.Clamp(typed.Length / 4, 1, 2) ? best.Name : null;
    }

    /// <summary>Levenshtein distance: insertions, deletions and substitutions, each costing 1.</summary>
    internal static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    [GeneratedRegex(@"^Cannot parse argument '(?<token>.*)' for (option|argument) '(?<name>[^']*)' as expected type '(?<type>[^']*)'\.$", RegexOptions.Singleline)]
    private static partial Regex CannotParse();

    [GeneratedRegex(@"^Unrecognized command or argument '(?<token>.*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex Unrecognized();
}
