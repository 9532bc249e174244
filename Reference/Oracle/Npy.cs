using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;

namespace ReferenceNN.Oracle;

/// <summary>
/// NumPy's .npy format, versions 1.0, 2.0 and 3.0: the magic <c>\x93NUMPY</c>, a version, a header length
/// (2 bytes little-endian in 1.0, 4 bytes in 2.0 and 3.0), a Python dict literal
/// <c>{'descr': '&lt;f8', 'fortran_order': False, 'shape': (2, 3), }</c>, then the data. ReferenceNN reads
/// little-endian float64 (<c>&lt;f8</c>) and float32 (<c>&lt;f4</c>, widened to double) in C order, and writes
/// version 1.0 <c>&lt;f8</c>. Docs: docs/Oracle/Npy.md.
/// </summary>
public static partial class Npy
{
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    [GeneratedRegex(@"'descr'\s*:\s*'(?<descr>[^']*)'")]
    private static partial Regex Descr();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(?<order>True|False)")]
    private static partial Regex FortranOrder();

    [GeneratedRegex(@"'shape'\s*:\s*\((?<shape>[^)]*)\)")]
    private static partial Regex ShapeField();

    /// <summary>
    /// Reads a .npy file into a tensor. Every problem is a <see cref="CaseFileException"/> naming <paramref name="caseFile"/>,
    /// <paramref name="field"/> and the .npy file; a header that claims more data than the file holds is refused
    /// before anything is allocated.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="CaseFileException">The file is missing, unreadable, or not a supported .npy array.</exception>
    public static Tensor Read(string path, string caseFile, string field)
    {
        string name = Path.GetFileName(path);
        try
        {
            using FileStream stream = File.OpenRead(path);
            return Read(stream, stream.Length, caseFile, field, name);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CaseFileException(caseFile, field, $"{name}: no such file ({path})", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CaseFileException(caseFile, field, $"{name}: cannot be read ({e.Message})", e);
        }
    }

    /// <summary>Reads .npy content from a stream of known length.</summary>
    internal static Tensor Read(Stream stream, long length, string caseFile, string field, string name)
    {
        CaseFileException Bad(string problem) => new(caseFile, field, $"{name}: {problem}");

        Span<byte> prefix = stackalloc byte[12];
        if (ReadFully(stream, prefix[..8]) < 8 || !prefix[..6].SequenceEqual(Magic)) throw Bad("not a .npy file (the magic \\x93NUMPY is missing)");
        int major = prefix[6];
        if (major is not (1 or 2 or 3)) throw Bad($"unsupported .npy version {major}.{prefix[7]} (1.0, 2.0 and 3.0 are read)");
        Span<byte> lengthField = prefix.Slice(8, major == 1 ? 2 : 4);
        if (ReadFully(stream, lengthField) < lengthField.Length) throw Bad("truncated in the header");
        long headerLength = lengthField.Length == 2
            ? BinaryPrimitives.ReadUInt16LittleEndian(lengthField)
            : BinaryPrimitives.ReadUInt32LittleEndian(lengthField);
        long dataStart = 8 + lengthField.Length + headerLength;
        if (dataStart > length) throw Bad($"truncated in the header (it claims {headerLength} bytes)");
        var headerBytes = new byte[headerLength];
        ReadFully(stream, headerBytes);
        // Version 3 headers are UTF-8 and 1 and 2 Latin-1; the keys and values read here are ASCII in all three, and
        // Latin-1 maps every byte to one character, so it reads all three.
        string header = Encoding.Latin1.GetString(headerBytes);

        string descr = Descr().Match(header) is { Success: true } d ? d.Groups["descr"].Value : throw Bad("the header has no 'descr'");
        int itemSize = descr switch
        {
            "<f8" => 8,
            "<f4" => 4,
            _ => throw Bad($"dtype '{descr}' is not supported (little-endian float64 '<f8' or float32 '<f4' is)"),
        };
        if (FortranOrder().Match(header) is not { Success: true } order) throw Bad("the header has no 'fortran_order'");
        if (order.Groups["order"].Value == "True") throw Bad("Fortran order is not supported (save a C-ordered array: np.ascontiguousarray)");
        if (ShapeField().Match(header) is not { Success: true } shapeMatch) throw Bad("the header has no 'shape'");
        string[] parts = shapeMatch.Groups["shape"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length is 0 or > Shape.MaxRank) throw Bad($"shape ({shapeMatch.Groups["shape"].Value}) has {parts.Length} axes; a tensor has 1 to {Shape.MaxRank}");
        var sizes = new int[parts.Length];
        long count = 1;
        for (int n = 0; n < parts.Length; n++)
        {
            if (!int.TryParse(parts[n], NumberStyles.None, CultureInfo.InvariantCulture, out sizes[n]) || sizes[n] < 1)
            {
                throw Bad($"shape ({shapeMatch.Groups["shape"].Value}) must hold positive sizes");
            }
            count *= sizes[n];
        }
        long dataLength = count * itemSize;
        if (count > Array.MaxLength || dataStart + dataLength > length)
        {
            throw Bad($"the header claims {count} values ({dataLength} bytes) but the file holds {Math.Max(0, length - dataStart)} bytes of data");
        }
        var tensor = new Tensor(Shape.Of(sizes));
        var data = new byte[dataLength];
        if (ReadFully(stream, data) < dataLength) throw Bad("truncated in the data");
        Span<double> values = tensor.Span;
        for (int n = 0; n < values.Length; n++)
        {
            values[n] = itemSize == 8
                ? BinaryPrimitives.ReadDoubleLittleEndian(data.AsSpan(n * 8, 8))
                : BinaryPrimitives.ReadSingleLittleEndian(data.AsSpan(n * 4, 4));
            if (!double.IsFinite(values[n]))
            {
                throw Bad($"element {Tensor.FormatIndex(tensor.IndexOf(n))} is {values[n].ToString(CultureInfo.InvariantCulture)}, not a finite number");
            }
        }
        return tensor;
    }

    /// <summary>Writes a tensor as a version 1.0 .npy file of little-endian float64 in C order.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(Tensor tensor, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentNullException.ThrowIfNull(stream);
        string shape = tensor.Shape.Rank == 1
            ? $"({tensor.Shape[0]},)"
            : "(" + string.Join(", ", tensor.Shape.ToArray()) + ")";
        WriteRaw(stream, shape, tensor.Span);
    }

    /// <summary>Writes one number as a zero-axis .npy array (shape <c>()</c>), as NumPy saves a scalar.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    public static void WriteScalar(double value, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        WriteRaw(stream, "()", [value]);
    }

    private static void WriteRaw(Stream stream, string shape, ReadOnlySpan<double> values)
    {
        string dict = $"{{'descr': '<f8', 'fortran_order': False, 'shape': {shape}, }}";
        // Pad with spaces and end with a newline so that the data starts on a multiple of 64 bytes, as NumPy does.
        int total = 10 + dict.Length + 1;
        int padded = (total + 63) / 64 * 64;
        string header = dict + new string(' ', padded - total) + "\n";
        Span<byte> prefix = stackalloc byte[10];
        Magic.CopyTo(prefix);
        prefix[6] = 1;
        prefix[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(prefix[8..], (ushort)header.Length);
        stream.Write(prefix);
        stream.Write(Encoding.Latin1.GetBytes(header));
        Span<byte> number = stackalloc byte[8];
        foreach (double value in values)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(number, value);
            stream.Write(number);
        }
    }

    private static int ReadFully(Stream stream, Span<byte> buffer) =>
        stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
}
