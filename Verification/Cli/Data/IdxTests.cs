using System;
using System.IO;
using System.IO.Compression;
using ReferenceNN.Cli.Data;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Cli.Data;

public class IdxTests
{
    internal static byte[] Header(uint magic, params uint[] sizes)
    {
        var bytes = new byte[4 + 4 * sizes.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, magic);
        for (int d = 0; d < sizes.Length; d++) System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4 + 4 * d), sizes[d]);
        return bytes;
    }

    private static string Problem(byte[] bytes, int dimensions) =>
        Assert.Throws<DataFileException>(() => Idx.Parse(bytes, dimensions, "/data/x-idx3-ubyte")).Message;

    [Theory]
    [InlineData("images.idx")]
    [InlineData("images.idx.gz")]
    public void WriteThenRead_GivesTheSizesAndBytes_PlainOrGzipped(string name)
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, name);
        byte[] data = [1, 2, 3, 4, 5, 6];
        Idx.Write(path, [3, 1, 2], data);
        (int[] sizes, byte[] read) = Idx.Read(path, 3);
        Assert.Equal([3, 1, 2], sizes);
        Assert.Equal(data, read);
        Assert.Equal(name.EndsWith(".gz"), File.ReadAllBytes(path)[0] == 0x1F);
    }

    [Fact]
    public void Parse_ReadsBigEndianSizesAfterTheMagic()
    {
        byte[] bytes = [.. Header(0x00000803, 2, 1, 2), 9, 8, 7, 6];
        (int[] sizes, byte[] data) = Idx.Parse(bytes, 3, "x");
        Assert.Equal([2, 1, 2], sizes);
        Assert.Equal([9, 8, 7, 6], data);
    }

    [Fact] public void WrongMagic_IsRejected() => Assert.Equal("x-idx3-ubyte: magic number 0x00000801 is not that of an IDX file of unsigned bytes with 3 dimensions (0x00000803)", Problem([.. Header(0x801, 1), 0], 3));
    [Fact] public void ShorterThanTheMagic_IsRejected() => Assert.Equal("x-idx3-ubyte: truncated: 2 bytes, shorter than the 4-byte magic number", Problem([0, 0], 3));
    [Fact] public void TruncatedHeader_IsRejected() => Assert.Equal("x-idx3-ubyte: truncated in the header: 8 bytes, 16 needed", Problem(Header(0x803, 1), 3));
    [Fact] public void TruncatedData_IsRejected() => Assert.Equal("x-idx3-ubyte: truncated: the header announces 4 bytes of data (1×2×2) but the file holds 3", Problem([.. Header(0x803, 1, 2, 2), 1, 2, 3], 3));
    [Fact] public void TooLong_IsRejected() => Assert.Equal("x-idx3-ubyte: too long: the header announces 1 bytes of data (1) but the file holds 2", Problem([.. Header(0x801, 1), 1, 2], 1));
    [Fact] public void ZeroSize_IsRejected() => Assert.Equal("x-idx3-ubyte: dimension 1 has size 0", Problem(Header(0x802, 1, 0), 2));
    [Fact] public void HugeSize_IsRejected() => Assert.Equal("x-idx3-ubyte: dimension 0 has size 4294967295", Problem(Header(0x801, uint.MaxValue), 1));

    [Fact]
    public void Read_MissingFolderOrFile_AndBadGzip_SaySo()
    {
        using var folder = new TempFolder();
        Assert.Equal("none.gz: no such file", Assert.Throws<DataFileException>(() => Idx.Read(Path.Combine(folder.Path, "none.gz"), 1)).Message);
        Assert.StartsWith("sub: is a directory, not a regular file", Assert.Throws<DataFileException>(() => Idx.Read(Directory.CreateDirectory(Path.Combine(folder.Path, "sub")).FullName, 1)).Message);
        string truncated = folder.Write("short.gz", [0x1F, 0x8B, 1, 2, 3]);
        Assert.Equal("short.gz: truncated gzip file: 5 bytes, shorter than a header and a trailer (18)", Assert.Throws<DataFileException>(() => Idx.Read(truncated, 1)).Message);
        // A well-formed header and trailer around deflate data whose first block has the reserved type 3.
        string bad = folder.Write("bad.gz", [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0]);
        DataFileException e = Assert.Throws<DataFileException>(() => Idx.Read(bad, 1));
        Assert.Equal("bad.gz: not valid gzip data: the deflate stream is corrupt", e.Message);
        Assert.Equal(bad, e.File);
        Assert.Throws<ArgumentNullException>(() => Idx.Read(null!, 1));
    }

    [Fact]
    public void Write_SizesThatDoNotFitTheData_Throw()
    {
        Expect.Throws<ArgumentException>(() => Idx.Write("x", [2, 2], [1, 2, 3]), "Idx.Write: sizes 2×2 hold 4 bytes, not 3");
        Assert.Throws<ArgumentNullException>(() => Idx.Write(null!, [1], [1]));
        Assert.Throws<ArgumentNullException>(() => Idx.Write("x", null!, [1]));
        Assert.Throws<ArgumentNullException>(() => Idx.Write("x", [1], null!));
    }
}

public class IdxEdgeTests
{
    private static string Problem(byte[] bytes, int dimensions) =>
        Assert.Throws<DataFileException>(() => Idx.Parse(bytes, dimensions, "x")).Message;

    [Fact]
    public void MagicOnly_IsATruncatedHeader() => Assert.Equal("x: truncated in the header: 4 bytes, 8 needed", Problem([0, 0, 8, 1], 1));

    [Fact]
    public void SizeOfIntMaxValue_IsAcceptedAsASize_AndFoundTruncated() =>
        Assert.Equal("x: truncated: the header announces 2147483647 bytes of data (2147483647) but the file holds 0", Problem([0, 0, 8, 1, 0x7F, 0xFF, 0xFF, 0xFF], 1));

    [Fact]
    public void GzipIsRecognisedByBothMagicBytesOnly()
    {
        using var folder = new TempFolder();
        // 00 8B: not gzip (only the second byte matches), so it is read as IDX and its magic number is wrong.
        Assert.StartsWith("a: magic number 0x008B0801", Assert.Throws<DataFileException>(() => Idx.Read(folder.Write("a", [0x00, 0x8B, 8, 1, 0, 0, 0, 1, 5]), 1)).Message);
        // 1F 00: not gzip either.
        Assert.StartsWith("b: magic number 0x1F000801", Assert.Throws<DataFileException>(() => Idx.Read(folder.Write("b", [0x1F, 0x00, 8, 1, 0, 0, 0, 1, 5]), 1)).Message);
        // 1F 8B alone: read as gzip, which holds nothing.
        Assert.Equal("c: truncated gzip file: 2 bytes, shorter than a header and a trailer (18)", Assert.Throws<DataFileException>(() => Idx.Read(folder.Write("c", [0x1F, 0x8B]), 1)).Message);
        // One byte: too short for anything.
        Assert.Equal("d: truncated: 1 bytes, shorter than the 4-byte magic number", Assert.Throws<DataFileException>(() => Idx.Read(folder.Write("d", [0x1F]), 1)).Message);
    }

    [Fact]
    public void ACompressedFileDeclaringMoreThanTheInputLimit_IsRefusedBeforeInflating()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "x-idx3-ubyte.gz");
        Idx.Write(path, [4, 28, 28], new byte[4 * 28 * 28]);
        Assert.Equal("x-idx3-ubyte.gz: declares 3152 bytes once decompressed (4×28×28), more than the input limit of 3000 bytes (--max-input-size)",
            Assert.Throws<DataFileException>(() => Idx.Read(path, 3, 3000)).Message);
        (int[] sizes, byte[] data) = Idx.Read(path, 3, 3152);
        Assert.Equal([4, 28, 28], sizes);
        Assert.Equal(3136, data.Length);
    }

    [Fact]
    public void ACompressedFileDeclaringMoreThanAnArrayHolds_IsRefusedBeforeInflating()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "x-idx3-ubyte.gz");
        using (var gzip = new System.IO.Compression.GZipStream(File.Create(path), System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write(IdxTests.Header(0x803, 65536, 65536, 28));
        }
        Assert.Equal("x-idx3-ubyte.gz: declares 120259084288 bytes of data (65536×65536×28), more than an array holds (2147483591)",
            Assert.Throws<DataFileException>(() => Idx.Read(path, 3, long.MaxValue / 4)).Message);
    }
}
