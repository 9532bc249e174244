using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace ReferenceNN.Oracle;

/// <summary>
/// Tensors in JSON: nested arrays whose nesting is the shape (<c>[[1, 2, 3]]</c> is 1×3), or
/// <c>{"npy": "relative/path.npy"}</c>, a NumPy file relative to the case file. Numbers are written so that they
/// round-trip exactly; a number JSON cannot hold (±∞, NaN) is written as the string <c>"Infinity"</c>,
/// <c>"-Infinity"</c> or <c>"NaN"</c>. Docs: docs/Oracle/JsonTensor.md.
/// </summary>
internal static class JsonTensor
{
    /// <summary>
    /// Reads a tensor; every problem is a <see cref="CaseFileException"/> naming <paramref name="file"/> and <paramref name="path"/>.
    /// With <paramref name="allowNamedNumbers"/> (results only), the strings "Infinity", "-Infinity" and "NaN" stand for
    /// the numbers JSON cannot hold; in a case every number must be finite. A layer's <paramref name="parameters"/> are
    /// also counted in the command's work before they are allocated (<see cref="Budget.ChargeValues"/>). The nesting is checked whole — every array at
    /// a depth as long as the first — before the tensor is allocated and charged to <paramref name="budget"/>, so a
    /// ragged array can never claim more memory than the file holds numbers.
    /// </summary>
    public static Tensor Read(JsonElement element, string file, string path, Budget? budget = null, bool allowNamedNumbers = false, bool parameters = false)
    {
        budget ??= new Budget(Limits.Default);
        if (element.ValueKind == JsonValueKind.Object)
        {
            string? npy = null;
            foreach (JsonProperty property in element.EnumerateObject())
            {
                if (property.Name != "npy") throw new CaseFileException(file, Echo.Member(path, property.Name), "unknown field (a tensor object has only \"npy\")");
                if (property.Value.ValueKind != JsonValueKind.String) throw new CaseFileException(file, $"{path}.npy", "must be a path string");
                npy = property.Value.GetString();
            }
            if (string.IsNullOrEmpty(npy)) throw new CaseFileException(file, path, "a tensor object needs \"npy\": \"path.npy\"");
            string folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
            string npyPath = Path.Combine(folder, npy);
            budget.Files.Add(npyPath);
            return Npy.Read(npyPath, file, path, budget, parameters);
        }
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new CaseFileException(file, path, $"expected a tensor (nested arrays of numbers, or {{\"npy\": …}}), got {Describe(element)}");
        }
        var sizes = new List<int>();
        JsonElement probe = element;
        while (probe.ValueKind == JsonValueKind.Array)
        {
            int length = probe.GetArrayLength();
            if (length == 0) throw new CaseFileException(file, path, "an empty array is not a tensor (every axis needs at least one element)");
            sizes.Add(length);
            probe = probe[0];
        }
        if (sizes.Count > Shape.MaxRank)
        {
            throw new CaseFileException(file, path, $"{sizes.Count} levels of nesting; a tensor has 1 to {Shape.MaxRank} axes");
        }
        int position = 0;
        Fill(element, 0, sizes, [], ref position, file, path, allowNamedNumbers);
        // Every array matched the first at its depth, so the product of the sizes is the number of numbers read: it
        // cannot wrap, and it fits an array, since the file held them all.
        budget.ChargeValues(position, file, path, parameters);
        var tensor = new Tensor(Shape.Of(sizes.ToArray()));
        position = 0;
        Fill(element, 0, sizes, tensor.Span, ref position, file, path, allowNamedNumbers);
        return tensor;
    }

    /// <summary>Reads a finite number (or, with <paramref name="allowNamedNumbers"/>, "Infinity", "-Infinity" or "NaN").</summary>
    public static double ReadNumber(JsonElement element, string file, string path, bool allowNamedNumbers = false)
    {
        if (allowNamedNumbers && element.ValueKind == JsonValueKind.String)
        {
            switch (element.GetString())
            {
                case "Infinity": return double.PositiveInfinity;
                case "-Infinity": return double.NegativeInfinity;
                case "NaN": return double.NaN;
            }
        }
        if (element.ValueKind != JsonValueKind.Number) throw new CaseFileException(file, path, $"expected a number, got {Describe(element)}");
        if (!element.TryGetDouble(out double value) || !double.IsFinite(value))
        {
            throw new CaseFileException(file, path, $"{Echo.Value(element.GetRawText())} is not a finite double");
        }
        return value;
    }

    /// <summary>Writes a tensor as nested arrays, numbers in their shortest round-trip form.</summary>
    public static void Write(Utf8JsonWriter writer, Tensor tensor)
    {
        int position = 0;
        WriteAxis(writer, tensor, 0, ref position);
    }

    /// <summary>Writes one number, or its name as a string if JSON cannot hold it.</summary>
    public static void WriteNumber(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteStringValue(double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "Infinity" : "-Infinity");
    }

    /// <summary>A short description of a JSON value for messages: <c>a string</c>, <c>null</c>, <c>an object</c>…</summary>
    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"the string {Echo.Quote(element.GetString()!)}",
        JsonValueKind.Number => $"the number {Echo.Value(element.GetRawText())}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        _ => "null",
    };

    /// <summary>Reads the numbers into <paramref name="values"/>, or, given an empty span, only checks them and counts them.</summary>
    private static void Fill(JsonElement element, int axis, List<int> sizes, Span<double> values, ref int position, string file, string path, bool allowNamedNumbers)
    {
        if (axis == sizes.Count)
        {
            double number = ReadNumber(element, file, path, allowNamedNumbers);
            if (!values.IsEmpty) values[position] = number;
            position++;
            return;
        }
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new CaseFileException(file, path, $"ragged: expected an array of {sizes[axis]} at this depth, got {Describe(element)}");
        }
        if (element.GetArrayLength() != sizes[axis])
        {
            throw new CaseFileException(file, path, $"ragged: {element.GetArrayLength()} elements where {sizes[axis]} are expected (the first array at this depth has {sizes[axis]})");
        }
        int n = 0;
        foreach (JsonElement item in element.EnumerateArray())
        {
            Fill(item, axis + 1, sizes, values, ref position, file, $"{path}[{n}]", allowNamedNumbers);
            n++;
        }
    }

    /// <summary>How many bytes a writer may hold before <see cref="FlushIfFull"/> sends them on: 64 KiB.</summary>
    public const int FlushBytes = 1 << 16;

    /// <summary>Flushes the writer to its stream once it holds <see cref="FlushBytes"/>, so output never builds up whole.</summary>
    public static void FlushIfFull(Utf8JsonWriter writer)
    {
        if (writer.BytesPending >= FlushBytes) writer.Flush();
    }

    private static void WriteAxis(Utf8JsonWriter writer, Tensor tensor, int axis, ref int position)
    {
        writer.WriteStartArray();
        for (int n = 0; n < tensor.Shape[axis]; n++)
        {
            if (axis == tensor.Shape.Rank - 1)
            {
                WriteNumber(writer, tensor.Span[position++]);
                FlushIfFull(writer);
            }
            else
            {
                WriteAxis(writer, tensor, axis + 1, ref position);
            }
        }
        writer.WriteEndArray();
    }

    /// <summary>The shortest text that reads back to the same double (.NET's default since Core 3.0).</summary>
    internal static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
