using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Text;
using ReferenceNN.Oracle;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Oracle;

public class NpyTests
{
    /// <summary>A .npy file as NumPy writes it, with any version, dtype, order and shape.</summary>
    internal static byte[] Make(string descr, string shape, byte[] data, int major = 1, bool fortran = false)
    {
        string dict = $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': {shape}, }}";
        int prefix = major == 1 ? 10 : 12;
        int total = prefix + dict.Length + 1;
        string header = dict + new string(' ', (total + 63) / 64 * 64 - total) + "\n";
        var bytes = new MemoryStream();
        bytes.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)major, 0]);
        if (major == 1) { var n = new byte[2]; BinaryPrimitives.WriteUInt16LittleEndian(n, (ushort)header.Length); bytes.Write(n); }
        else { var n = new byte[4]; BinaryPrimitives.WriteUInt32LittleEndian(n, (uint)header.Length); bytes.Write(n); }
        bytes.Write(Encoding.Latin1.GetBytes(header));
        bytes.Write(data);
        return bytes.ToArray();
    }

    internal static byte[] Doubles(params double[] values) => values.SelectMany(BitConverter.GetBytes).ToArray();

    private static Tensor Read(byte[] bytes) => Npy.Read(new MemoryStream(bytes), bytes.Length, "case.json", "$.input", "x.npy");

    private static void Rejects(byte[] bytes, string problem)
    {
        CaseFileException e = Assert.Throws<CaseFileException>(() => Read(bytes));
        Assert.StartsWith("case.json: $.input: x.npy: ", e.Message);
        Assert.Contains(problem, e.Message);
    }

    private static void RejectsExactly(byte[] bytes, string problem) =>
        Assert.Equal("case.json: $.input: x.npy: " + problem, Assert.Throws<CaseFileException>(() => Read(bytes)).Message);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Read_EveryVersion_Float64InCOrder(int major)
    {
        Tensor t = Read(Make("<f8", "(2, 3)", Doubles(1, 2, 3, 4, 5, 6), major));
        Assert.Equal(new Shape(2, 3), t.Shape);
        Assert.Equal(6, t[1, 2]);
        Assert.Equal(4, t[1, 0]);
    }

    [Fact]
    public void Read_Float32_IsWidenedToDouble()
    {
        byte[] data = new[] { 0.1f, -2.5f }.SelectMany(BitConverter.GetBytes).ToArray();
        Tensor t = Read(Make("<f4", "(2,)", data));
        Assert.Equal(new Shape(2), t.Shape);
        Assert.Equal((double)0.1f, t.Span[0]);
        Assert.Equal(-2.5, t.Span[1]);
    }

    [Fact]
    public void Write_ThenRead_IsBitIdentical_AndLooksLikeNumpys()
    {
        var tensor = new Tensor(new Shape(2, 1, 3), [0.1, -0.0, double.Epsilon, 1e300, -7, 1.0 / 3]);
        var stream = new MemoryStream();
        Npy.Write(tensor, stream);
        byte[] bytes = stream.ToArray();
        Expect.Bitwise(tensor, Read(bytes));
        Assert.Equal(0, (10 + BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8))) % 64);
        Assert.Contains("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 1, 3), }", Encoding.Latin1.GetString(bytes));
        var one = new MemoryStream();
        Npy.Write(new Tensor(new Shape(4)), one);
        Assert.Contains("'shape': (4,)", Encoding.Latin1.GetString(one.ToArray()));
        var scalar = new MemoryStream();
        Npy.WriteScalar(2.5, scalar);
        Assert.Contains("'shape': ()", Encoding.Latin1.GetString(scalar.ToArray()));
        Assert.Equal(2.5, BitConverter.ToDouble(scalar.ToArray().AsSpan(^8)));
    }

    [Fact] public void NotNpy_IsRejected() => Rejects(Encoding.ASCII.GetBytes("hello world, not numpy"), "not a .npy file");
    [Fact] public void TooShort_IsRejected() => Rejects([0x93, (byte)'N'], "not a .npy file");
    [Fact] public void MagicWithoutItsVersion_IsNotNpy() => Rejects([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1], "not a .npy file");
    [Fact] public void UnknownVersion_IsRejected() => Rejects(Make("<f8", "(1,)", Doubles(1), major: 4), "unsupported .npy version 4.0");
    [Fact] public void BigEndian_IsRejected() => Rejects(Make(">f8", "(1,)", Doubles(1)), "dtype '>f8' is not supported");
    [Fact] public void Integers_AreRejected() => Rejects(Make("<i8", "(1,)", Doubles(1)), "dtype '<i8' is not supported");
    [Fact] public void FortranOrder_IsRejected() => Rejects(Make("<f8", "(1,)", Doubles(1), fortran: true), "Fortran order is not supported");
    [Fact] public void ZeroAxes_AreRejected() => RejectsExactly(Make("<f8", "()", Doubles(1)), "shape () has 0 axes; a tensor has 1 to 4");
    [Fact] public void FiveAxes_AreRejected() => RejectsExactly(Make("<f8", "(1, 1, 1, 1, 1)", Doubles(1)), "shape (1, 1, 1, 1, 1) has 5 axes; a tensor has 1 to 4");
    [Fact] public void ZeroSize_IsRejected() => RejectsExactly(Make("<f8", "(0, 2)", []), "shape (0, 2) must hold positive sizes");
    [Fact] public void TruncatedData_IsRejected() => Rejects(Make("<f8", "(3,)", Doubles(1, 2)), "the header claims 3 values (24 bytes) but the file holds 16 bytes of data");
    [Fact] public void NonFiniteValue_IsRejected() => Rejects(Make("<f8", "(2,)", Doubles(1, double.NaN)), "element [1] is NaN, not a finite number");

    [Fact]
    public void StreamShorterThanItsStatedLength_IsTruncatedData()
    {
        byte[] bytes = Make("<f8", "(3,)", Doubles(1, 2, 3));
        CaseFileException e = Assert.Throws<CaseFileException>(() => Npy.Read(new MemoryStream(bytes[..^8]), bytes.Length, "case.json", "$.input", "x.npy"));
        Assert.EndsWith("truncated in the data", e.Message);
    }

    [Fact]
    public void HugeClaim_IsRefusedBeforeAllocating()
    {
        // 2³¹·2³¹ elements would be 32 EiB: the check against the file's length must come first.
        Rejects(Make("<f8", "(2147483647, 2147483647)", Doubles(1)), "the header claims 4611686014132420609 values");
    }

    [Fact]
    public void TruncatedHeader_IsRejected()
    {
        byte[] full = Make("<f8", "(1,)", Doubles(1));
        Rejects(full[..20], "truncated in the header");
        RejectsExactly(full[..9], "truncated in the header");
        RejectsExactly(Make("<f8", "(1,)", Doubles(1), major: 2)[..10], "truncated in the header");
    }

    [Fact]
    public void MissingHeaderFields_AreRejected()
    {
        byte[] Header(string dict)
        {
            var b = new MemoryStream();
            b.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, (byte)(dict.Length + 1), 0]);
            b.Write(Encoding.Latin1.GetBytes(dict + "\n"));
            return b.ToArray();
        }
        Rejects(Header("{'fortran_order': False, 'shape': (1,), }"), "the header has no 'descr'");
        Rejects(Header("{'descr': '<f8', 'shape': (1,), }"), "the header has no 'fortran_order'");
        Rejects(Header("{'descr': '<f8', 'fortran_order': False, }"), "the header has no 'shape'");
    }

    [Fact]
    public void Read_FromPath_MissingFileAndFolder_SaySo()
    {
        Assert.Equal("case.json: $.w: gone.npy: no such file (/nowhere/gone.npy)",
            Assert.Throws<CaseFileException>(() => Npy.Read("/nowhere/gone.npy", "case.json", "$.w")).Message);
        using var folder = new TempFolder();
        Assert.Equal($"case.json: $.w: {System.IO.Path.GetFileName(folder.Path)}: is a directory, not a regular file",
            Assert.Throws<CaseFileException>(() => Npy.Read(folder.Path, "case.json", "$.w")).Message);
    }
}
