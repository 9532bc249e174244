using System;
using System.Globalization;
using System.Text;

namespace ReferenceNN.Oracle;

/// <summary>
/// Values from input shown in messages: every character a terminal could act on — control characters (C0, DEL, C1),
/// format characters such as the bidirectional overrides, the line and paragraph separators and lone surrogates —
/// is written as an escape (<c>\n</c>, <c>\r</c>, <c>\t</c>, otherwise <c>\u001b</c>), a backslash as <c>\\</c>, and
/// a long value is cut, saying how long it was. A message built from such values stays one line, forges nothing and
/// moves no cursor. Docs: docs/Oracle/Echo.md.
/// </summary>
internal static class Echo
{
    /// <summary>How many characters of a value are shown before it is cut.</summary>
    public const int MaxValueLength = 64;

    /// <summary>The longest message line refnn writes; anything longer is cut.</summary>
    public const int MaxLineLength = 1000;

    /// <summary>A value in double quotes, escaped and cut: <c>"x\nrefnn"</c>.</summary>
    public static string Quote(string value) => "\"" + Value(value) + "\"";

    /// <summary>A value escaped and cut, without quotes (a file name, say).</summary>
    public static string Value(string value) => Escape(value, MaxValueLength, escapeBackslash: true);

    /// <summary>A JSON path step for a member: <c>.name</c> for a plain identifier, else <c>["escaped"]</c>.</summary>
    public static string Member(string path, string name)
    {
        bool plain = name.Length is > 0 and <= MaxValueLength && (char.IsAsciiLetter(name[0]) || name[0] == '_');
        for (int n = 1; plain && n < name.Length; n++) plain = char.IsAsciiLetterOrDigit(name[n]) || name[n] == '_';
        return plain ? $"{path}.{name}" : $"{path}[{Quote(name)}]";
    }

    /// <summary>
    /// A whole message made safe to print on one line: characters a terminal could act on are escaped (backslashes
    /// are left alone, since the message's own text may hold them), and the line is cut at <see cref="MaxLineLength"/>.
    /// </summary>
    public static string Line(string message) => Escape(message, MaxLineLength, escapeBackslash: false);

    private static string Escape(string value, int max, bool escapeBackslash)
    {
        int shown = value.Length <= max ? value.Length : max;
        if (shown < value.Length && char.IsHighSurrogate(value[shown - 1])) shown--;
        var text = new StringBuilder(shown + 16);
        for (int n = 0; n < shown; n++)
        {
            char c = value[n];
            if (char.IsSurrogate(c))
            {
                bool paired = char.IsHighSurrogate(c) && n + 1 < value.Length && char.IsLowSurrogate(value[n + 1]);
                if (paired && n + 1 < shown) text.Append(c).Append(value[++n]);
                else text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                continue;
            }
            switch (c)
            {
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\\' when escapeBackslash: text.Append("\\\\"); break;
                default:
                    if (Acts(c)) text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    else text.Append(c);
                    break;
            }
        }
        if (shown < value.Length) text.Append(CultureInfo.InvariantCulture, $"… ({value.Length} characters)");
        return text.ToString();
    }

    /// <summary>Whether a terminal could act on the character rather than show it.</summary>
    private static bool Acts(char c) => char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
