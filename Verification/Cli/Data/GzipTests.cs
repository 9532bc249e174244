using System;
using System.Buffers.Binary;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Text;
using ReferenceNN.Cli.Data;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Cli.Data;

public class GzipTests
{
    /// <summary>A gzip member made field by field (RFC 1952): header with the given flags and fields, deflate data, CRC-32 and length.</summary>
    private static byte[] Member(byte[] data, byte flags = 0, byte[]? extra = null, string? name = null, string? comment = null, bool headerCrc = false, uint? crc = null, uint? length = null)
    {
        var bytes = new MemoryStream();
        bytes.Write([0x1F, 0x8B, 8, (byte)(flags | (extra is null ? 0 : 4) | (name is null ? 0 : 8) | (comment is null ? 0 : 16) | (headerCrc ? 2 : 0)), 0, 0, 0, 0, 0, 3]);
        if (extra is not null) { bytes.Write(BitConverter.GetBytes((ushort)extra.Length)); bytes.Write(extra); }
        if (name is not null) { bytes.Write(Encoding.Latin1.GetBytes(name)); bytes.WriteByte(0); }
        if (comment is not null) { bytes.Write(Encoding.Latin1.GetBytes(comment)); bytes.WriteByte(0); }
        if (headerCrc) bytes.Write(BitConverter.GetBytes((ushort)Crc32.Compute(bytes.ToArray())));
        using (var deflate = new DeflateStream(bytes, CompressionLevel.Optimal, leaveOpen: true)) deflate.Write(data);
        bytes.Write(BitConverter.GetBytes(crc ?? Crc32.Compute(data)));
        bytes.Write(BitConverter.GetBytes(length ?? (uint)data.Length));
        return bytes.ToArray();
    }

    private static byte[] ReadAll(byte[] compressed, long expected)
    {
        using Gzip gzip = Gzip.Open(compressed, "x.gz");
        var data = new byte[expected];
        Assert.Equal(expected, gzip.Read(data));
        gzip.Finish(expected);
        return data;
    }

    private static string Problem(byte[] compressed, long expected) =>
        Assert.Throws<DataFileException>(() => ReadAll(compressed, expected)).Message;

    [Fact]
    public void Crc32_HasTheStandardCheckValue() => Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));

    [Fact]
    public void Read_WhatDotNetsGZipStreamWrote()
    {
        byte[] data = Encoding.ASCII.GetBytes(string.Concat(System.Linq.Enumerable.Repeat("idx ", 5000)));
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(data);
        Assert.Equal(data, ReadAll(compressed.ToArray(), data.Length));
    }

    [Fact]
    public void Read_EveryOptionalHeaderField()
    {
        byte[] data = [1, 2, 3, 4, 5];
        Assert.Equal(data, ReadAll(Member(data, extra: [9, 9, 9], name: "train-images-idx3-ubyte", comment: "c", headerCrc: true), 5));
    }

    [Fact]
    public void ACrcMismatch_IsReportedAsSuch()
    {
        byte[] data = [1, 2, 3];
        uint right = Crc32.Compute(data);
        Assert.Equal($"x.gz: gzip CRC-32 mismatch: the data's is 0x{right:X8}, the trailer says 0x{right ^ 1:X8} (the file is corrupt, or holds several gzip members, which are not read)",
            Problem(Member(data, crc: right ^ 1), 3));
        Assert.Equal("x.gz: gzip length mismatch: 3 bytes decompressed, the trailer says 4 (mod 2³²)", Problem(Member(data, length: 4), 3));
    }

    [Fact]
    public void MoreDataThanExpected_StopsAtTheExpectedSize()
    {
        Assert.Equal("x.gz: decompresses to more than the 2 bytes its IDX header declares", Problem(Member([1, 2, 3]), 2));
    }

    [Fact]
    public void HeaderProblems_AreNamed()
    {
        byte[] good = Member([1]);
        byte[] With(int index, byte value) { byte[] copy = (byte[])good.Clone(); copy[index] = value; return copy; }
        Assert.Equal("x.gz: gzip compression method 7 is not deflate (8)", Problem(With(2, 7), 1));
        Assert.Equal("x.gz: gzip header flags 0x20 set reserved bits", Problem(With(3, 0x20), 1));
        Assert.Equal("x.gz: not a gzip file (the magic 1F 8B is missing)", Problem(With(0, 0), 1));
        Assert.StartsWith("x.gz: truncated gzip file: 17 bytes", Problem(good[..17], 1));
        Assert.Equal("x.gz: truncated gzip header (in its file name)", Problem([.. good[..3], 8, .. new byte[6], .. "abcdefghijklmnop"u8], 1));
        Assert.Equal("x.gz: truncated gzip header (in its extra field)", Problem([.. good[..3], 4, .. new byte[6], 0xFF, .. new byte[9]], 1));
        byte[] withCrc = Member([1], headerCrc: true);
        withCrc[10] ^= 0xFF;
        Assert.StartsWith("x.gz: gzip header CRC-16 mismatch", Problem(withCrc, 1));
    }

    [Fact]
    public void CorruptDeflateData_IsNamedAsSuch()
    {
        byte[] bad = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0];
        Assert.Equal("x.gz: not valid gzip data: the deflate stream is corrupt", Problem(bad, 1));
    }

    [Fact]
    public void AGzipBomb_IsReadOnlyAsFarAsAsked_InLittleMemoryAndTime()
    {
        // 1 GiB of zeros compresses to about 1 MB; reading 16 bytes of it must not inflate the rest.
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            byte[] zeros = new byte[1 << 20];
            for (int n = 0; n < 1024; n++) gzip.Write(zeros);
        }
        byte[] bomb = compressed.ToArray();
        Assert.True(bomb.Length < 2 << 20);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        Assert.Equal("x.gz: decompresses to more than the 16 bytes its IDX header declares", Problem(bomb, 16));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, "more than 1 MiB allocated");
        Assert.True(clock.Elapsed.TotalSeconds < 5);
    }
}
