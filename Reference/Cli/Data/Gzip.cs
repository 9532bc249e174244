using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace ReferenceNN.Cli.Data;

/// <summary>
/// A gzip file (RFC 1952, one member) read as a stream, so that its reader decides how much to decompress — the IDX
/// reader stops at the size its header declares, whatever the compressed data would inflate to. The header is
/// checked field by field, the deflate data is inflated by .NET's <see cref="DeflateStream"/>, and at the end the
/// CRC-32 and the length of what was read are checked against the trailer. Every problem is a
/// <see cref="DataFileException"/> that says what it is: a CRC mismatch, a truncated file, corrupt deflate data.
/// Docs: docs/Cli/Data/Gzip.md.
/// </summary>
internal sealed class Gzip : IDisposable
{
    private const byte FlagHeaderCrc = 2, FlagExtra = 4, FlagName = 8, FlagComment = 16, FlagsReserved = 0xE0;

    private readonly DeflateStream _inflate;
    private readonly string _path;
    private readonly uint _expectedCrc, _expectedLength;
    private uint _crc = 0xFFFFFFFF;
    private long _read;

    private Gzip(DeflateStream inflate, string path, uint expectedCrc, uint expectedLength)
    {
        _inflate = inflate;
        _path = path;
        _expectedCrc = expectedCrc;
        _expectedLength = expectedLength;
    }

    /// <summary>Whether the bytes start with gzip's magic, 1F 8B.</summary>
    public static bool IsGzip(ReadOnlySpan<byte> bytes) => bytes.Length >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B;

    /// <summary>Checks the header and trailer of a gzip file held in memory and opens its data for reading.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="DataFileException">The header is not that of a gzip member of deflate data, or the file is truncated.</exception>
    public static Gzip Open(byte[] compressed, string path)
    {
        ArgumentNullException.ThrowIfNull(compressed);
        ArgumentNullException.ThrowIfNull(path);
        DataFileException Bad(string problem) => new(path, problem);
        if (!IsGzip(compressed)) throw Bad("not a gzip file (the magic 1F 8B is missing)");
        if (compressed.Length < 18) throw Bad($"truncated gzip file: {compressed.Length} bytes, shorter than a header and a trailer (18)");
        if (compressed[2] != 8) throw Bad($"gzip compression method {compressed[2]} is not deflate (8)");
        byte flags = compressed[3];
        if ((flags & FlagsReserved) != 0) throw Bad($"gzip header flags 0x{flags:X2} set reserved bits");
        int at = 10;
        int end = compressed.Length - 8;
        if ((flags & FlagExtra) != 0)
        {
            if (at + 2 > end) throw Bad("truncated gzip header (in its extra field)");
            at += 2 + BinaryPrimitives.ReadUInt16LittleEndian(compressed.AsSpan(at));
            if (at > end) throw Bad("truncated gzip header (in its extra field)");
        }
        foreach (byte flag in new[] { FlagName, FlagComment })
        {
            if ((flags & flag) == 0) continue;
            int zero = at < end ? Array.IndexOf(compressed, (byte)0, at, end - at) : -1;
            if (zero < 0) throw Bad($"truncated gzip header (in its {(flag == FlagName ? "file name" : "comment")})");
            at = zero + 1;
        }
        if ((flags & FlagHeaderCrc) != 0)
        {
            if (at + 2 > end) throw Bad("truncated gzip header (in its CRC-16)");
            ushort stored = BinaryPrimitives.ReadUInt16LittleEndian(compressed.AsSpan(at));
            ushort actual = (ushort)Crc32.Compute(compressed.AsSpan(0, at));
            if (stored != actual) throw Bad($"gzip header CRC-16 mismatch (the header's is 0x{actual:X4}, the file says 0x{stored:X4})");
            at += 2;
        }
        if (at > end) throw Bad("truncated gzip file (no room for the compressed data and the trailer)");
        uint crc = BinaryPrimitives.ReadUInt32LittleEndian(compressed.AsSpan(end));
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(compressed.AsSpan(end + 4));
        var inflate = new DeflateStream(new MemoryStream(compressed, at, end - at, writable: false), CompressionMode.Decompress);
        return new Gzip(inflate, path, crc, length);
    }

    /// <summary>How many decompressed bytes have been read.</summary>
    public long Position => _read;

    /// <summary>Reads up to <paramref name="buffer"/>'s length; fewer only at the end of the data.</summary>
    /// <exception cref="DataFileException">The deflate data is corrupt.</exception>
    public int Read(Span<byte> buffer)
    {
        int total = 0;
        try
        {
            while (total < buffer.Length)
            {
                int read = _inflate.Read(buffer[total..]);
                if (read == 0) break;
                total += read;
            }
        }
        catch (InvalidDataException e)
        {
            throw new DataFileException(_path, "not valid gzip data: the deflate stream is corrupt", e);
        }
        _crc = Crc32.Update(_crc, buffer[..total]);
        _read += total;
        return total;
    }

    /// <summary>
    /// Reads the rest of the data (which the caller expects to be nothing) and checks the trailer: the CRC-32 and the
    /// length of everything read.
    /// </summary>
    /// <exception cref="DataFileException">More data follows, or the CRC or the length do not match the trailer.</exception>
    public void Finish(long expectedTotal)
    {
        Span<byte> probe = stackalloc byte[1];
        if (Read(probe) > 0)
        {
            throw new DataFileException(_path, $"decompresses to more than the {expectedTotal} bytes its IDX header declares");
        }
        uint crc = ~_crc;
        if (crc != _expectedCrc)
        {
            throw new DataFileException(_path,
                $"gzip CRC-32 mismatch: the data's is 0x{crc:X8}, the trailer says 0x{_expectedCrc:X8} (the file is corrupt, or holds several gzip members, which are not read)");
        }
        if ((uint)_read != _expectedLength)
        {
            throw new DataFileException(_path, $"gzip length mismatch: {_read} bytes decompressed, the trailer says {_expectedLength} (mod 2³²)");
        }
    }

    /// <summary>Closes the decompressor.</summary>
    public void Dispose() => _inflate.Dispose();
}

/// <summary>CRC-32 as gzip and zlib use it (polynomial 0xEDB88320, reflected), by table.</summary>
internal static class Crc32
{
    private static readonly uint[] Table = Build();

    /// <summary>The CRC-32 of <paramref name="bytes"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> bytes) => ~Update(0xFFFFFFFF, bytes);

    /// <summary>Continues a running CRC (start from 0xFFFFFFFF, and complement at the end).</summary>
    public static uint Update(uint crc, ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
    }

    private static uint[] Build()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
