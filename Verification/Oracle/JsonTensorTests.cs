using System;
using System.IO;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ReferenceNN.Oracle;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Oracle;

public class JsonTensorTests
{
    private static string Written(Tensor tensor)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) JsonTensor.Write(writer, tensor);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static Tensor ReadBack(string json, bool named = false)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return JsonTensor.Read(document.RootElement, "t.json", "$", allowNamedNumbers: named);
    }

    [Fact]
    public void Write_NestsByAxis()
    {
        Assert.Equal("[[1,2,3]]", Written(Tensor.Row(1, 2, 3)));
        Assert.Equal("[[[1],[2]],[[3],[4]]]", Written(new Tensor(new Shape(2, 2, 1), [1, 2, 3, 4])));
        Assert.Equal("[0.1,-0,5E-324]", Written(new Tensor(new Shape(3), [0.1, -0.0, double.Epsilon])));
    }

    [Fact]
    public void NonFinite_IsWrittenByName_AndReadBackOnlyWhereAllowed()
    {
        string json = Written(new Tensor(new Shape(3), [double.PositiveInfinity, double.NegativeInfinity, double.NaN]));
        Assert.Equal("""["Infinity","-Infinity","NaN"]""", json);
        Tensor back = ReadBack(json, named: true);
        Assert.Equal([double.PositiveInfinity, double.NegativeInfinity, double.NaN], back.Span.ToArray());
        Assert.Contains("expected a number, got the string \"Infinity\"", Assert.Throws<CaseFileException>(() => ReadBack(json)).Message);
    }

    public static class Doubles
    {
        /// <summary>Any finite double: every bit pattern but NaN and ±∞, so subnormals and signed zeros too.</summary>
        public static Arbitrary<double[]> Values() =>
            Gen.ArrayOf(
                from high in Gen.Choose(int.MinValue, int.MaxValue)
                from low in Gen.Choose(int.MinValue, int.MaxValue)
                let bits = ((long)high << 32) | (uint)low
                let value = BitConverter.Int64BitsToDouble(bits)
                select double.IsFinite(value) ? value : -0.0,
                12).ToArbitrary();
    }

    [SeededProperty(MaxTest = 300, Arbitrary = [typeof(Doubles)])]
    public Property WriteThenRead_RoundTripsEveryFiniteDoubleBitForBit(double[] values)
    {
        var tensor = new Tensor(new Shape(3, 4), values);
        Tensor back = ReadBack(Written(tensor));
        return back.BitwiseEquals(tensor).Label(Written(tensor));
    }

    [Fact]
    public void Describe_NamesEachKind()
    {
        using JsonDocument d = JsonDocument.Parse("""[true, null, {}, [], "s", 1.5]""");
        Assert.Equal(["true", "null", "an object", "an array", "the string \"s\"", "the number 1.5"],
            System.Linq.Enumerable.Select(d.RootElement.EnumerateArray(), JsonTensor.Describe));
    }
}
