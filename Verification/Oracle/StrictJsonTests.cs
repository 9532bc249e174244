using System;
using System.Text;
using System.Text.Json;
using ReferenceNN.Oracle;
using Xunit;

namespace ReferenceNN.Verification.Oracle;

public class StrictJsonTests
{
    private static CaseFileException Bad(string json, Budget? budget = null) =>
        Assert.Throws<CaseFileException>(() => StrictJson.Parse(Encoding.UTF8.GetBytes(json), "f.json", budget).Dispose());

    private static CaseFileException Bad(byte[] utf8) => Assert.Throws<CaseFileException>(() => StrictJson.Parse(utf8, "f.json", null).Dispose());

    [Theory]
    [InlineData("""{"a":1,"a":2}""", "$.a", "the key \"a\" appears twice in one object")]
    [InlineData("""{"x":{"b":1,"c":2,"b":3}}""", "$.x.b", "the key \"b\" appears twice")]
    [InlineData("""{"l":[{},{"t":1,"t":1}]}""", "$.l[1].t", "the key \"t\" appears twice")]
    [InlineData("""[[1,2],[3,{"k\n":1,"k\n":2}]]""", "$[1][1][\"k\\n\"]", "the key \"k\\n\" appears twice")]
    public void DuplicateKeys_AreRefused_AtTheirPath(string json, string field, string problem)
    {
        CaseFileException e = Bad(json);
        Assert.Equal(field, e.Field);
        Assert.StartsWith(problem, e.Problem);
    }

    [Fact]
    public void TheSameKeyInTwoObjects_IsFine()
    {
        using JsonDocument d = StrictJson.Parse(Encoding.UTF8.GetBytes("""[{"a":1},{"a":2},{"b":{"a":3}}]"""), "f.json", null);
        Assert.Equal(3, d.RootElement.GetArrayLength());
    }

    [Theory]
    [InlineData("""{"loss":"\ud800"}""", "$.loss")]
    [InlineData("""{"loss":"x\udc00"}""", "$.loss")]
    [InlineData("""{"a":["ok","\ud800\ud800"]}""", "$.a[1]")]
    [InlineData("""{"\udfff":1}""", "$")]
    public void LoneSurrogateEscapes_AreBadInput(string json, string field)
    {
        CaseFileException e = Bad(json);
        Assert.Equal(field, e.Field);
        Assert.Contains("lone surrogate", e.Problem);
    }

    [Fact]
    public void AProperSurrogatePair_IsFine()
    {
        using JsonDocument d = StrictJson.Parse(Encoding.UTF8.GetBytes("""{"s":"\ud83d\ude00"}"""), "f.json", null);
        Assert.Equal("😀", d.RootElement.GetProperty("s").GetString());
    }

    [Fact]
    public void InvalidUtf8InAString_IsBadInput()
    {
        byte[] json = [(byte)'{', (byte)'"', (byte)'s', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}'];
        CaseFileException e = Bad(json);
        Assert.Equal("$.s", e.Field);
        Assert.Contains("invalid UTF-8", e.Problem);
    }

    [Fact]
    public void Nesting_UpToTheLimit_IsRead_OneDeeperIsRefused_SayingWhy()
    {
        string Nested(int depth) => new string('[', depth) + new string(']', depth);
        using (JsonDocument d = StrictJson.Parse(Encoding.UTF8.GetBytes(Nested(StrictJson.MaxDepth)), "f.json", null)) Assert.Equal(JsonValueKind.Array, d.RootElement.ValueKind);
        CaseFileException e = Bad(Nested(StrictJson.MaxDepth + 1));
        Assert.Equal("$" + string.Concat(System.Linq.Enumerable.Repeat("[0]", StrictJson.MaxDepth)), e.Field);
        Assert.Equal("nested deeper than 64 levels (refnn's limit; a case needs at most 8)", e.Problem);
        Assert.Contains("nested deeper than 64 levels", Bad(Nested(1_000_000)).Problem);
    }

    [Theory]
    [InlineData("", "the file is empty, not JSON")]
    [InlineData(" \n\t", "the file is empty, not JSON")]
    [InlineData("[", "not valid JSON (line 1, byte 2)")]
    [InlineData("{\"a\":1,}", "not valid JSON (line 1, byte 8)")]
    [InlineData("{\"a\":1} x", "not valid JSON (line 1, byte 9)")]
    [InlineData("// c\n{}", "not valid JSON (line 1, byte 1)")]
    public void NotJson_SaysWhere(string json, string problem) => Assert.Equal(problem, Bad(json).Problem);

    [Fact]
    public void AByteOrderMark_IsSkipped()
    {
        byte[] json = [0xEF, 0xBB, 0xBF, .. "{\"a\":1}"u8];
        using JsonDocument d = StrictJson.Parse(json, "f.json", null);
        Assert.Equal(1, d.RootElement.GetProperty("a").GetInt32());
        Assert.Equal("the file is empty, not JSON", Bad([0xEF, 0xBB, 0xBF]).Problem);
    }

    [Fact]
    public void TheDocumentsIndex_IsChargedBeforeItIsBuilt()
    {
        // "[0,0,…]" of 1000 zeros: 1002 tokens, 12 bytes each in JsonDocument's index.
        string json = "[" + string.Join(",", new string('0', 1000).ToCharArray()) + "]";
        var budget = new Budget(new Limits { MaxMemoryBytes = 12_024 });
        StrictJson.Parse(Encoding.UTF8.GetBytes(json), "f.json", budget).Dispose();
        Assert.Equal(12_024, budget.MemoryBytes);
        CaseFileException e = Bad(json, new Budget(new Limits { MaxMemoryBytes = 12_023 }));
        Assert.Equal("the case needs at least 12024 bytes (11.7 KiB) of memory by here, more than --max-memory 12023 bytes (11.7 KiB)", e.Problem);
    }
}
