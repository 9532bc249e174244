using System;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Linq;
using ReferenceNN.Oracle;

namespace ReferenceNN.Cli;

/// <summary>
/// Options read strictly: a number is a plain invariant number (<c>1,5</c> is refused, not read as 15), a size takes
/// the suffixes K, M, G, T, an option given twice is refused rather than one of them silently winning, and the limits
/// every file-reading command takes (<c>--max-input-size</c>, <c>--max-memory</c>, <c>--max-work</c>).
/// Docs: docs/Cli/Options.md.
/// </summary>
internal static class Options
{
    /// <summary>
    /// A number option's value, shown in help as it is written on the command line (<c>1e-9</c>, <c>0.1</c>) rather than
    /// as .NET prints a double (<c>1E-09</c>).
    /// </summary>
    public readonly record struct Number(double Value)
    {
        /// <summary>The shortest text that reads back as the value, with a lower-case exponent without padding: 1e-9, 0.1, 2.5e+20.</summary>
        public override string ToString()
        {
            string text = Value.ToString("R", CultureInfo.InvariantCulture);
            int e = text.IndexOf('E');
            if (e < 0) return text;
            int exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            return string.Create(CultureInfo.InvariantCulture, $"{text[..e]}e{(exponent > 0 ? "+" : "")}{exponent}");
        }
    }

    /// <summary>A floating-point option read with <see cref="CultureInfo.InvariantCulture"/> and no thousands separators.</summary>
    public static Option<Number> Double(string name, string description, double defaultValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => new Number(defaultValue),
        HelpName = "NUMBER",
        CustomParser = result =>
        {
            string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)) return new Number(value);
            result.AddError($"{name}: {Echo.Quote(text)} is not a number (write it as 0.001 or 1e-3)");
            return new Number(defaultValue);
        },
    };

    /// <summary>
    /// <c>--literal</c>: train with the literal formulas (<see cref="Kernels.Literal"/>) instead of the fast kernels.
    /// The numbers are the same bit for bit (KernelsTests and the Cli tests show it); only the time differs.
    /// </summary>
    public static Option<bool> Literal() => new("--literal")
    {
        Description = "Compute with the literal formulas instead of the fast kernels: the same numbers bit for bit, more slowly.",
    };

    /// <summary>The kernels <c>--literal</c> selects.</summary>
    public static Kernels KernelsOf(ParseResult parse, Option<bool> literal) => parse.GetValue(literal) ? Kernels.Literal : Kernels.Fast;

    /// <summary>A size in bytes: <c>1073741824</c>, <c>512M</c>, <c>4G</c> (powers of 1024).</summary>
    public static Option<long> Size(string name, string description, Func<long> defaultValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue(),
        HelpName = "BYTES",
        CustomParser = result =>
        {
            string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (Limits.TryParseBytes(text, out long bytes)) return bytes;
            result.AddError($"{name}: {Echo.Quote(text)} is not a size (write it as 1073741824, 512M or 4G)");
            return 0;
        },
    };

    /// <summary>The limits a command that reads files takes, added to it; <see cref="LimitsOf"/> reads them back.</summary>
    public sealed class LimitOptions
    {
        private readonly Option<long> _input, _memory;
        private readonly Option<Number>? _work;

        public LimitOptions(Command command, bool work)
        {
            _input = Size("--max-input-size", "Refuse any input file (or decompressed IDX file) larger than this, before reading it.", () => Limits.DefaultMaxInputBytes);
            _memory = Size("--max-memory", "Refuse a case whose estimated memory is larger than this, before computing (the default shown is half the memory available).", Limits.DefaultMaxMemoryBytes);
            command.Options.Add(_input);
            command.Options.Add(_memory);
            if (work)
            {
                _work = Double("--max-work", "Refuse a command whose estimated work, in operations, is larger than this, before computing (1e10 is about 10 s).", Limits.DefaultMaxWork);
                _work.HelpName = "OPERATIONS";
                _work.Validators.Add(result =>
                {
                    if (result.Tokens.Count == 1 && double.TryParse(result.Tokens[0].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double w) && !(w >= 0 && double.IsFinite(w)))
                    {
                        result.AddError("--max-work must be a finite number ≥ 0");
                    }
                });
                command.Options.Add(_work);
            }
        }

        /// <summary>The limits given on the command line, or the defaults.</summary>
        public Limits LimitsOf(ParseResult parse) => new()
        {
            MaxInputBytes = parse.GetValue(_input),
            MaxMemoryBytes = parse.GetValue(_memory),
            MaxWork = _work is null ? Limits.DefaultMaxWork : parse.GetValue(_work).Value,
        };
    }

    /// <summary>Adds to every option of the tree a check that it is given at most once.</summary>
    public static void RejectRepeats(Command command)
    {
        foreach (Option option in command.Options.Where(o => o is not HelpOption and not VersionOption)) option.Validators.Add(Once);
        foreach (Command child in command.Subcommands) RejectRepeats(child);
    }

    /// <summary>
    /// Gives every option that takes a value and has no placeholder of its own one in capitals, as the files' are
    /// (<c>--seed &lt;N&gt;</c>, <c>--rtol &lt;NUMBER&gt;</c>, <c>--csv &lt;FILE&gt;</c>), so that help never mixes
    /// <c>&lt;seed&gt;</c> with <c>&lt;DIR&gt;</c>.
    /// </summary>
    public static void NamePlaceholders(Command command)
    {
        foreach (Option option in command.Options.Where(o => o.HelpName is null))
        {
            option.HelpName = option.ValueType == typeof(int) ? "N"
                : option.ValueType == typeof(double) ? "NUMBER"
                : option.ValueType == typeof(string) ? "FILE"
                : null;
        }
        foreach (Command child in command.Subcommands) NamePlaceholders(child);
    }

    private static void Once(OptionResult result)
    {
        if (result.IdentifierTokenCount > 1) result.AddError($"{result.Option.Name} is given more than once");
    }
}
