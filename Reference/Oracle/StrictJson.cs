using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace ReferenceNN.Oracle;

/// <summary>
/// Strict JSON for case and result files. Before a document is built, one linear pass over the UTF-8 text checks
/// what <see cref="JsonDocument"/> lets through or reports without saying where: a key appearing twice in one object
/// (JSON leaves it open; refnn refuses rather than guess which one is meant), a string that is not valid UTF-8 or
/// holds a lone surrogate escape such as <c>"\ud800"</c>, and nesting deeper than <see cref="MaxDepth"/> levels.
/// Each is a <see cref="CaseFileException"/> naming the file and the JSON path. The same pass counts the tokens,
/// so that the document's memory is charged to the <see cref="Budget"/> before it is built. Docs: docs/Oracle/StrictJson.md.
/// </summary>
internal static class StrictJson
{
    /// <summary>The deepest nesting read; a case needs 8 levels at most (a stacked 4-axis training tensor).</summary>
    public const int MaxDepth = 64;

    /// <summary>Bytes of <see cref="JsonDocument"/>'s index per token (its metadata rows are 12 bytes).</summary>
    public const int BytesPerToken = 12;

    private static readonly JsonReaderOptions ReaderOptions = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 2 * MaxDepth };

    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 2 * MaxDepth };

    /// <summary>Checks and parses UTF-8 JSON (a leading byte-order mark is skipped); <paramref name="file"/> names it in messages.</summary>
    /// <exception cref="CaseFileException">The text is empty, not JSON, or breaks one of the rules above, or the budget is exceeded.</exception>
    public static JsonDocument Parse(ReadOnlyMemory<byte> utf8, string file, Budget? budget)
    {
        if (utf8.Span.StartsWith("\uFEFF"u8)) utf8 = utf8[3..];
        if (IsBlank(utf8.Span)) throw new CaseFileException(file, "$", "the file is empty, not JSON");
        long tokens = Check(utf8.Span, file);
        budget?.Charge((double)tokens * BytesPerToken, file, "$");
        try
        {
            return JsonDocument.Parse(utf8, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new CaseFileException(file, "$", $"not valid JSON (line {e.LineNumber.GetValueOrDefault() + 1}, byte {e.BytePositionInLine.GetValueOrDefault() + 1})", e);
        }
    }

    /// <summary>The linear pass; returns the number of tokens.</summary>
    private static long Check(ReadOnlySpan<byte> utf8, string file)
    {
        var reader = new Utf8JsonReader(utf8, ReaderOptions);
        var frames = new List<Frame>();
        long tokens = 0;
        try
        {
            while (reader.Read())
            {
                tokens++;
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        if (frames.Count >= MaxDepth)
                        {
                            throw new CaseFileException(file, PathOf(frames), $"nested deeper than {MaxDepth} levels (refnn's limit; a case needs at most 8)");
                        }
                        frames.Add(new Frame(reader.TokenType == JsonTokenType.StartObject));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        Completed(frames);
                        break;
                    case JsonTokenType.PropertyName:
                    {
                        string name = Text(ref reader, file, frames, "a key");
                        Frame frame = frames[^1];
                        frame.Keys ??= new HashSet<string>(StringComparer.Ordinal);
                        frame.Name = name;
                        if (!frame.Keys.Add(name))
                        {
                            throw new CaseFileException(file, PathOf(frames), $"the key {Echo.Quote(name)} appears twice in one object");
                        }
                        break;
                    }
                    case JsonTokenType.String:
                        Text(ref reader, file, frames, "a string");
                        Completed(frames);
                        break;
                    default:
                        Completed(frames);
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            throw new CaseFileException(file, "$", $"not valid JSON (line {e.LineNumber.GetValueOrDefault() + 1}, byte {e.BytePositionInLine.GetValueOrDefault() + 1})", e);
        }
        return tokens;
    }

    private static string Text(ref Utf8JsonReader reader, string file, List<Frame> frames, string what)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            // A key's path is its object's; a value's path is its own.
            string path = what == "a key" ? PathOf(frames, withName: false) : PathOf(frames);
            throw new CaseFileException(file, path, $"{what} that is not valid text (invalid UTF-8, or a \\u escape of a lone surrogate such as \\ud800)", e);
        }
    }

    /// <summary>A value inside the innermost container is complete: an array moves on to its next index.</summary>
    private static void Completed(List<Frame> frames)
    {
        if (frames.Count > 0 && !frames[^1].IsObject) frames[^1].Index++;
    }

    /// <summary>The JSON path of the value being read: <c>$.network[2].weights</c>.</summary>
    private static string PathOf(List<Frame> frames, bool withName = true)
    {
        var path = new StringBuilder("$");
        for (int n = 0; n < frames.Count; n++)
        {
            Frame frame = frames[n];
            if (!frame.IsObject) path.Append('[').Append(frame.Index).Append(']');
            else if (frame.Name is not null && (withName || n < frames.Count - 1))
            {
                string member = Echo.Member("", frame.Name);
                path.Append(member);
            }
        }
        return path.ToString();
    }

    private static bool IsBlank(ReadOnlySpan<byte> utf8)
    {
        foreach (byte b in utf8) if (b is not ((byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')) return false;
        return true;
    }

    private sealed class Frame(bool isObject)
    {
        public bool IsObject { get; } = isObject;
        public int Index { get; set; }
        public string? Name { get; set; }
        public HashSet<string>? Keys { get; set; }
    }
}
