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
    /// the numbers JSON cannot hold; in a case every number must be finite.
    /// </summary>
    public static Tensor Read(JsonElement element, string file, string path, bool allowNamedNumbers = false)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            string? npy = null;
            foreach (JsonProperty property in element.EnumerateObject())
            {
                if (property.Name != "npy") throw new CaseFileException(file, $"{path}.{property.Name}", "unknown field (a tensor object has only \"npy\")");
                if (property.Value.ValueKind != JsonValueKind.String) throw new CaseFileException(file, $"{path}.npy", "must be a path string");
                npy = property.Value.GetString();
            }
            if (string.IsNullOrEmpty(npy)) throw new CaseFileException(file, path, "a tensor object needs \"npy\": \"path.npy\"");
            string folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
            return Npy.Read(Path.Combine(folder, npy), file, path);
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
        var tensor = new Tensor(Shape.Of(sizes.ToArray()));
        int position = 0;
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
            throw new CaseFileException(file, path, $"{element.GetRawText()} is not a finite double");
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
        JsonValueKind.String => $"the string \"{element.GetString()}\"",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        _ => "null",
    };

    private static void Fill(JsonElement element, int axis, List<int> sizes, Span<double> values, ref int position, string file, string path, bool allowNamedNumbers)
    {
        if (axis == sizes.Count)
        {
            values[position++] = ReadNumber(element, file, path, allowNamedNumbers);
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

    private static void WriteAxis(Utf8JsonWriter writer, Tensor tensor, int axis, ref int position)
    {
        writer.WriteStartArray();
        for (int n = 0; n < tensor.Shape[axis]; n++)
        {
            if (axis == tensor.Shape.Rank - 1) WriteNumber(writer, tensor.Span[position++]);
            else WriteAxis(writer, tensor, axis + 1, ref position);
        }
        writer.WriteEndArray();
    }

    /// <summary>The shortest text that reads back to the same double (.NET's default since Core 3.0).</summary>
    internal static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
