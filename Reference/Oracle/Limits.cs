using System;
using System.Globalization;

namespace ReferenceNN.Oracle;

/// <summary>
/// The bounds within which refnn reads and computes, so that no input — however small the file — can make it run
/// out of memory, run for hours or read forever: the size of any one input file, the memory a case may need, and the
/// work a command may do. Each is a command-line option (<c>--max-input-size</c>, <c>--max-memory</c>,
/// <c>--max-work</c>); the table of every limit and what happens at it is docs/Oracle/Limits.md.
/// </summary>
public sealed record Limits
{
    /// <summary>The default size limit of one input file: 1 GiB.</summary>
    public const long DefaultMaxInputBytes = 1L << 30;

    /// <summary>The default work limit: 10¹⁰ operations (multiply-adds and per-layer steps), about 10 s of work on the CI machine.</summary>
    public const double DefaultMaxWork = 1e10;

    /// <summary>The smallest default memory limit, whatever the machine: 256 MiB.</summary>
    public const long MinimumDefaultMaxMemory = 256L << 20;

    /// <summary>The limits refnn uses unless told otherwise.</summary>
    public static Limits Default { get; } = new();

    /// <summary>The largest input file, in bytes (a case, a result, a .npy or an IDX file, and an IDX file once decompressed).</summary>
    public long MaxInputBytes { get; init; } = DefaultMaxInputBytes;

    /// <summary>
    /// The most memory a case may need, in bytes, estimated from its shapes before anything is computed: its JSON,
    /// its tensors, its layers' buffers and what the command adds. The default is half the memory available to the
    /// process (<see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>: the machine's, a container's, or a heap limit), and at least
    /// <see cref="MinimumDefaultMaxMemory"/>.
    /// </summary>
    public long MaxMemoryBytes { get; init; } = DefaultMaxMemoryBytes();

    /// <summary>The most work a command may do, in operations, estimated from the case's shapes before it starts.</summary>
    public double MaxWork { get; init; } = DefaultMaxWork;

    /// <summary>Half the memory available to the process, and at least <see cref="MinimumDefaultMaxMemory"/>.</summary>
    public static long DefaultMaxMemoryBytes() => Math.Max(MinimumDefaultMaxMemory, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2);

    /// <summary>
    /// Reads a size such as <c>1073741824</c>, <c>512M</c>, <c>4G</c> or <c>1.5G</c> (K, M, G, T are powers of 1024,
    /// an optional B or iB after them is allowed); false for anything else, including a negative size or one above 2⁶³ − 1.
    /// </summary>
    public static bool TryParseBytes(string? text, out long bytes)
    {
        bytes = 0;
        if (string.IsNullOrEmpty(text)) return false;
        string t = text.Trim();
        foreach (string suffix in new[] { "iB", "B" })
        {
            if (t.Length > suffix.Length && t.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) { t = t[..^suffix.Length]; break; }
        }
        double scale = 1;
        if (t.Length > 0)
        {
            int power = char.ToUpperInvariant(t[^1]) switch { 'K' => 1, 'M' => 2, 'G' => 3, 'T' => 4, _ => 0 };
            if (power > 0) { scale = Math.Pow(1024, power); t = t[..^1]; }
        }
        if (t.Length == 0 || !char.IsAsciiDigit(t[0]) ||
            !double.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value)) return false;
        double total = Math.Floor(value * scale);
        if (!(total >= 0 && total < 9.2e18)) return false;
        bytes = (long)total;
        return true;
    }

    /// <summary>A number of bytes for people: <c>1.5 GiB</c>, <c>512 MiB</c>, <c>12 KiB</c>, <c>100 bytes</c>.</summary>
    public static string FormatBytes(double bytes)
    {
        string[] units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
        int unit = 0;
        while (bytes >= 1024 && unit < units.Length - 1) { bytes /= 1024; unit++; }
        return unit == 0 ? $"{bytes.ToString("0", CultureInfo.InvariantCulture)} bytes" : $"{bytes.ToString("0.#", CultureInfo.InvariantCulture)} {units[unit]}";
    }
}
