using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Numerics;
using System.Text;

namespace ReferenceNN.Oracle;

/// <summary>
/// NumPy's .npy format, versions 1.0, 2.0 and 3.0: the magic <c>\x93NUMPY</c>, a version, a header length
/// (2 bytes little-endian in 1.0, 4 bytes in 2.0 and 3.0), a Python dict literal
/// <c>{'descr': '&lt;f8', 'fortran_order': False, 'shape': (2, 3), }</c>, then the data. ReferenceNN reads
/// little-endian float64 (<c>&lt;f8</c>) and float32 (<c>&lt;f4</c>, widened to double) in C order, and writes
/// version 1.0 <c>&lt;f8</c>. The header is read by a hand-written parser in one pass, and only the dict literal
/// NumPy writes is accepted: the three keys once each, at most <see cref="MaxHeaderBytes"/> bytes as np.load allows,
/// sizes whose product is computed without wrapping, and data exactly as long as the shape says. Docs: docs/Oracle/Npy.md.
/// </summary>
public static class Npy
{
    /// <summary>The longest header read: np.load's own limit (its <c>max_header_size</c>, 10,000 bytes).</summary>
    public const int MaxHeaderBytes = 10_000;

    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads bytes at an offset; fewer than asked only at the end.</summary>
    internal delegate int ReadAt(long offset, Span<byte> buffer);

    /// <summary>
    /// Reads a .npy file into a tensor, within the default <see cref="Limits"/>. Every problem is a
    /// <see cref="CaseFileException"/> naming <paramref name="caseFile"/>, <paramref name="field"/> and the .npy file;
    /// a header that claims more data than the file holds is refused before anything is allocated.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="CaseFileException">The file is missing, not a regular file, too large, or not a supported .npy array.</exception>
    public static Tensor Read(string path, string caseFile, string field) => Read(path, caseFile, field, new Budget(Limits.Default));

    /// <summary>Reads a .npy file, charging its tensor to <paramref name="budget"/> (as a layer's parameters, if <paramref name="parameters"/>).</summary>
    internal static Tensor Read(string path, string caseFile, string field, Budget budget, bool parameters = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(caseFile);
        ArgumentNullException.ThrowIfNull(field);
        string name = Echo.Value(Path.GetFileName(path));
        try
        {
            using InputFile file = InputFile.Open(path, budget.Limits.MaxInputBytes);
            Tensor tensor = Read(file.Read, file.Length, caseFile, field, name, budget, parameters);
            file.RequireEnd(file.Length);
            return tensor;
        }
        catch (InputFileException e)
        {
            string where = e.Message == "no such file" ? $" ({Echo.Value(path)})" : "";
            throw new CaseFileException(caseFile, field, $"{name}: {e.Message}{where}", e);
        }
    }

    /// <summary>Reads .npy content from a stream of known length (read from its current position on).</summary>
    internal static Tensor Read(Stream stream, long length, string caseFile, string field, string name, Budget? budget = null) =>
        Read((_, buffer) => stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false), length, caseFile, field, name, budget ?? new Budget(Limits.Default), false);

    /// <summary>Reads .npy content given by <paramref name="read"/>, which is called with increasing offsets.</summary>
    private static Tensor Read(ReadAt read, long length, string caseFile, string field, string name, Budget budget, bool parameters)
    {
        CaseFileException Bad(string problem) => new(caseFile, field, $"{name}: {problem}");

        Span<byte> prefix = stackalloc byte[12];
        if (read(0, prefix[..8]) < 8 || !prefix[..6].SequenceEqual(Magic)) throw Bad("not a .npy file (the magic \\x93NUMPY is missing)");
        int major = prefix[6];
        if (major is not (1 or 2 or 3)) throw Bad($"unsupported .npy version {major}.{prefix[7]} (1.0, 2.0 and 3.0 are read)");
        Span<byte> lengthField = prefix.Slice(8, major == 1 ? 2 : 4);
        if (read(8, lengthField) < lengthField.Length) throw Bad("truncated in the header");
        long headerLength = lengthField.Length == 2
            ? BinaryPrimitives.ReadUInt16LittleEndian(lengthField)
            : BinaryPrimitives.ReadUInt32LittleEndian(lengthField);
        if (headerLength > MaxHeaderBytes) throw Bad($"the header is {headerLength} bytes; NumPy reads at most {MaxHeaderBytes} (np.load's max_header_size)");
        long dataStart = 8 + lengthField.Length + headerLength;
        if (dataStart > length) throw Bad($"truncated in the header (it claims {headerLength} bytes)");
        var headerBytes = new byte[headerLength];
        if (read(8 + lengthField.Length, headerBytes) < headerLength) throw Bad("truncated in the header");

        Header header = Header.Parse(headerBytes, allowLongSuffix: major < 3, Bad);
        int itemSize = header.Descr switch
        {
            "<f8" => 8,
            "<f4" => 4,
            _ => throw Bad($"dtype {Echo.Value("'" + header.Descr + "'")} is not supported (little-endian float64 '<f8' or float32 '<f4' is)"),
        };
        if (header.FortranOrder) throw Bad("Fortran order is not supported (save a C-ordered array: np.ascontiguousarray)");
        string shapeText = header.ShapeText;
        if (header.Shape.Count is 0 or > Shape.MaxRank) throw Bad($"shape {shapeText} has {header.Shape.Count} axes; a tensor has 1 to {Shape.MaxRank}");
        // Exact products (BigInteger): four sizes of up to 19 digits cannot wrap, as a 64-bit product would.
        BigInteger count = BigInteger.One;
        foreach (ulong size in header.Shape)
        {
            if (size == 0) throw Bad($"shape {shapeText} must hold positive sizes");
            count *= size;
        }
        BigInteger needed = count * itemSize;
        long available = length - dataStart;
        if (needed > available)
        {
            throw Bad($"the header claims {count} values ({needed} bytes) but the file holds {available} bytes of data");
        }
        if (count > Array.MaxLength) throw Bad($"shape {shapeText} holds {count} values, more than an array holds ({Array.MaxLength})");
        if (needed < available) throw Bad($"{available - needed} bytes after the data (the shape {shapeText} needs {needed})");

        int values = (int)count;
        budget.ChargeValues(values, caseFile, field, parameters);
        var sizes = new int[header.Shape.Count];
        for (int n = 0; n < sizes.Length; n++) sizes[n] = (int)header.Shape[n];
        var tensor = new Tensor(Shape.Of(sizes));
        Span<double> target = tensor.Span;
        var chunk = new byte[Math.Min(1 << 16, values * itemSize)];
        long offset = dataStart;
        for (int done = 0; done < values;)
        {
            int take = Math.Min(chunk.Length / itemSize, values - done);
            Span<byte> bytes = chunk.AsSpan(0, take * itemSize);
            if (read(offset, bytes) < bytes.Length) throw Bad("truncated in the data");
            offset += bytes.Length;
            for (int n = 0; n < take; n++)
            {
                double value = itemSize == 8
                    ? BinaryPrimitives.ReadDoubleLittleEndian(bytes.Slice(n * 8, 8))
                    : BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(n * 4, 4));
                if (!double.IsFinite(value))
                {
                    throw Bad($"element {Tensor.FormatIndex(tensor.IndexOf(done + n))} is {value.ToString(CultureInfo.InvariantCulture)}, not a finite number");
                }
                target[done + n] = value;
            }
            done += take;
        }
        return tensor;
    }

    /// <summary>Writes a tensor as a version 1.0 .npy file of little-endian float64 in C order.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(Tensor tensor, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentNullException.ThrowIfNull(stream);
        WriteHeader(stream, ShapeLiteral(tensor.Shape.ToArray()));
        WriteValues(stream, tensor.Span);
    }

    /// <summary>Writes one number as a zero-axis .npy array (shape <c>()</c>), as NumPy saves a scalar.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    public static void WriteScalar(double value, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        WriteHeader(stream, "()");
        WriteValues(stream, [value]);
    }

    /// <summary>The header of a one-axis float64 array of <paramref name="length"/> values, whose data the caller then streams.</summary>
    internal static void WriteVectorHeader(Stream stream, long length) => WriteHeader(stream, $"({length.ToString(CultureInfo.InvariantCulture)},)");

    /// <summary>Values as little-endian float64, appended to a stream.</summary>
    internal static void WriteValues(Stream stream, ReadOnlySpan<double> values)
    {
        Span<byte> buffer = stackalloc byte[512];
        while (values.Length > 0)
        {
            int take = Math.Min(values.Length, buffer.Length / 8);
            for (int n = 0; n < take; n++) BinaryPrimitives.WriteDoubleLittleEndian(buffer.Slice(n * 8, 8), values[n]);
            stream.Write(buffer[..(take * 8)]);
            values = values[take..];
        }
    }

    private static string ShapeLiteral(int[] sizes) => sizes.Length == 1
        ? $"({sizes[0].ToString(CultureInfo.InvariantCulture)},)"
        : "(" + string.Join(", ", sizes) + ")";

    private static void WriteHeader(Stream stream, string shape)
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
    }

    /// <summary>
    /// The header's dict literal, read in one pass: <c>{</c>, the keys <c>'descr'</c> (a string),
    /// <c>'fortran_order'</c> (<c>True</c> or <c>False</c>) and <c>'shape'</c> (a tuple of decimal sizes; one axis is
    /// <c>(n,)</c>) in any order, each once, separated by commas with an optional trailing comma, <c>}</c>, then only
    /// spaces and the final newline. Strings take either quote and no escapes; Python 2's <c>L</c> after a size is
    /// allowed in versions 1.0 and 2.0, as NumPy allows it. Nothing else of Python is.
    /// </summary>
    private sealed class Header
    {
        private static readonly string[] Keys = ["descr", "fortran_order", "shape"];
        private readonly byte[] _text;
        private readonly bool _allowLong;
        private readonly Func<string, CaseFileException> _bad;
        private int _at;

        private Header(byte[] text, bool allowLong, Func<string, CaseFileException> bad)
        {
            _text = text;
            _allowLong = allowLong;
            _bad = bad;
        }

        public string Descr { get; private set; } = "";
        public bool FortranOrder { get; private set; }
        public List<ulong> Shape { get; } = [];
        public string ShapeText => Shape.Count == 1 ? $"({Shape[0]},)" : "(" + string.Join(", ", Shape) + ")";

        public static Header Parse(byte[] text, bool allowLongSuffix, Func<string, CaseFileException> bad)
        {
            var header = new Header(text, allowLongSuffix, bad);
            header.ParseDict();
            return header;
        }

        private void ParseDict()
        {
            SkipSpace();
            Expect((byte)'{', "'{'");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            SkipSpace();
            while (Peek() != '}')
            {
                int keyAt = _at;
                string key = ReadString("a key");
                if (Array.IndexOf(Keys, key) < 0)
                {
                    throw _bad($"the header has a key {Echo.Value("'" + key + "'")}; NumPy's has only 'descr', 'fortran_order' and 'shape'");
                }
                if (!seen.Add(key)) throw _bad($"the header gives '{key}' twice (byte {keyAt})");
                SkipSpace();
                Expect((byte)':', "':'");
                SkipSpace();
                switch (key)
                {
                    case "descr": Descr = ReadString("a string"); break;
                    case "fortran_order": FortranOrder = ReadBoolean(); break;
                    default: ReadShape(); break;
                }
                SkipSpace();
                if (Peek() == ',')
                {
                    _at++;
                    SkipSpace();
                }
                else if (Peek() != '}')
                {
                    throw Syntax("',' or '}'");
                }
            }
            _at++;
            SkipSpace();
            if (_at < _text.Length) throw _bad($"the header has text after its dict, at byte {_at}");
            foreach (string key in Keys) if (!seen.Contains(key)) throw _bad($"the header has no '{key}'");
        }

        private void ReadShape()
        {
            int start = _at;
            Expect((byte)'(', "a tuple '(' for 'shape'");
            SkipSpace();
            bool comma = false;
            while (Peek() != ')')
            {
                Shape.Add(ReadSize());
                SkipSpace();
                comma = false;
                if (Peek() == ',')
                {
                    _at++;
                    comma = true;
                    SkipSpace();
                }
                else if (Peek() != ')')
                {
                    throw Syntax("',' or ')' in 'shape'");
                }
            }
            _at++;
            if (Shape.Count == 1 && !comma)
            {
                throw _bad($"the header gives 'shape' as {Echo.Value(Encoding.Latin1.GetString(_text, start, _at - start))}, a number, not a tuple (one axis is written ({Shape[0]},))");
            }
        }

        private ulong ReadSize()
        {
            int start = _at;
            while (_at < _text.Length && char.IsAsciiDigit((char)_text[_at])) _at++;
            int digits = _at - start;
            if (digits == 0) throw Syntax("a size");
            if (digits > 1 && _text[start] == '0') throw _bad($"the header's size at byte {start} has a leading zero, which Python does not allow");
            if (digits > 19) throw _bad($"the header's size at byte {start} has {digits} digits; no array has that many values");
            ulong size = ulong.Parse(_text.AsSpan(start, digits), NumberStyles.None, CultureInfo.InvariantCulture);
            if (_allowLong && Peek() is 'L' or 'l') _at++;
            return size;
        }

        private bool ReadBoolean()
        {
            if (Matches("True")) return true;
            if (Matches("False")) return false;
            throw Syntax("True or False for 'fortran_order'");
        }

        private bool Matches(string word)
        {
            if (_at + word.Length > _text.Length) return false;
            for (int n = 0; n < word.Length; n++) if (_text[_at + n] != word[n]) return false;
            int end = _at + word.Length;
            if (end < _text.Length && (char.IsAsciiLetterOrDigit((char)_text[end]) || _text[end] == '_')) return false;
            _at = end;
            return true;
        }

        private string ReadString(string what)
        {
            int quote = Peek();
            if (quote is not ('\'' or '"')) throw Syntax(what);
            int start = ++_at;
            while (_at < _text.Length && _text[_at] != quote)
            {
                if (_text[_at] is (byte)'\\' or (byte)'\n' or (byte)'\r') throw _bad($"the header's string at byte {start - 1} holds an escape or a line break, which NumPy never writes");
                _at++;
            }
            if (_at >= _text.Length) throw Syntax("the end of the string");
            string value = Encoding.UTF8.GetString(_text, start, _at - start);
            _at++;
            return value;
        }

        private void Expect(byte c, string what)
        {
            if (Peek() != c) throw Syntax(what);
            _at++;
        }

        private int Peek() => _at < _text.Length ? _text[_at] : -1;

        private void SkipSpace()
        {
            while (_at < _text.Length && _text[_at] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f') _at++;
        }

        private CaseFileException Syntax(string expected)
        {
            string found = _at >= _text.Length ? "the end" : Echo.Quote(((char)_text[_at]).ToString());
            return _bad($"the header is not NumPy's dict literal: expected {expected} at byte {_at}, found {found}");
        }
    }
}
