using System;
using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ReferenceNN.Oracle;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Oracle;

public class EchoTests
{
    [Theory]
    [InlineData("x\nrefnn: OK", "\"x\\nrefnn: OK\"")]
    [InlineData("\r\t", "\"\\r\\t\"")]
    [InlineData("\u001b[2J", "\"\\u001b[2J\"")]
    [InlineData("\u007f\u009b", "\"\\u007f\\u009b\"")]
    [InlineData("a\u202eb\u2028c\u2029", "\"a\\u202eb\\u2028c\\u2029\"")]
    [InlineData("back\\slash", "\"back\\\\slash\"")]
    [InlineData("é ∂E/∂W 😀", "\"é ∂E/∂W 😀\"")]
    public void Quote_EscapesWhatATerminalActsOn_AndKeepsWhatItShows(string value, string quoted) => Assert.Equal(quoted, Echo.Quote(value));

    [Fact]
    public void Quote_LoneSurrogates_AreEscaped()
    {
        Assert.Equal("\"\\ud800x\"", Echo.Quote("\ud800x"));
        Assert.Equal("\"x\\udc00\"", Echo.Quote("x\udc00"));
    }

    [Fact]
    public void Value_ALongValue_IsCutSayingHowLongItWas()
    {
        string cut = Echo.Value(new string('A', 10_000_000));
        Assert.Equal(new string('A', Echo.MaxValueLength) + "… (10000000 characters)", cut);
        Assert.Equal(new string('A', Echo.MaxValueLength), Echo.Value(new string('A', Echo.MaxValueLength)));
    }

    [Fact]
    public void Value_NeverCutsASurrogatePairInTwo()
    {
        string value = new string('a', Echo.MaxValueLength - 1) + "😀" + "zzz";
        Assert.Equal(new string('a', Echo.MaxValueLength - 1) + $"… ({value.Length} characters)", Echo.Value(value));
    }

    [Theory]
    [InlineData("weights", "$.weights")]
    [InlineData("_x9", "$._x9")]
    [InlineData("", "$[\"\"]")]
    [InlineData("a b", "$[\"a b\"]")]
    [InlineData("x\ny", "$[\"x\\ny\"]")]
    [InlineData("9x", "$[\"9x\"]")]
    public void Member_PlainNamesAsDots_OthersQuotedInBrackets(string name, string path) => Assert.Equal(path, Echo.Member("$", name));

    [Fact]
    public void Line_EscapesControlsButKeepsBackslashes_AndIsCut()
    {
        Assert.Equal("a\\nb \\x93NUMPY", Echo.Line("a\nb \\x93NUMPY"));
        Assert.Equal(Echo.MaxLineLength + "… (2000 characters)".Length, Echo.Line(new string('z', 2000)).Length);
    }

    /// <summary>Reverses Value's escapes: a test of its own, written from the rules on docs/Oracle/Echo.md.</summary>
    private static string Unescape(string text)
    {
        var value = new StringBuilder();
        for (int n = 0; n < text.Length; n++)
        {
            if (text[n] != '\\') { value.Append(text[n]); continue; }
            char kind = text[++n];
            switch (kind)
            {
                case 'n': value.Append('\n'); break;
                case 'r': value.Append('\r'); break;
                case 't': value.Append('\t'); break;
                case '\\': value.Append('\\'); break;
                case 'u': value.Append((char)int.Parse(text.AsSpan(n + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture)); n += 4; break;
                default: throw new FormatException($"unknown escape \\{kind}");
            }
        }
        return value.ToString();
    }

    public static class AnyText
    {
        /// <summary>Strings of any UTF-16 code units, lone surrogates and controls included, up to the length that is not cut.</summary>
        public static Arbitrary<string> Strings() =>
            Gen.ArrayOf(Gen.OneOf(Gen.Choose(0, 0x7F), Gen.Choose(0x80, 0xFFFF), Gen.Elements(0x1B, 0x9B, 0x202E, 0xD800, 0xDC00, 0x2028, 0x5C)).Select(c => (char)c))
                .Where(chars => chars.Length <= Echo.MaxValueLength).Select(chars => new string(chars)).ToArbitrary();
    }

    [SeededProperty(MaxTest = 500, Arbitrary = [typeof(AnyText)])]
    public Property Value_IsOneSafeLine_AndReadsBackToTheValue(string value)
    {
        string shown = Echo.Value(value);
        bool safe = true;
        for (int n = 0; n < shown.Length; n++)
        {
            char c = shown[n];
            bool pair = char.IsHighSurrogate(c) && n + 1 < shown.Length && char.IsLowSurrogate(shown[n + 1]);
            if (pair) { n++; continue; }
            safe &= !char.IsControl(c) && !char.IsSurrogate(c) && CharUnicodeInfo.GetUnicodeCategory(c) is not
                (UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator);
        }
        return (safe && Unescape(shown) == value).Label(shown);
    }
}
