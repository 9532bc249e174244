using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using ReferenceNN.Oracle;

namespace ReferenceNN.Cli.Data;

/// <summary>
/// The IDX format of MNIST and Fashion-MNIST: a big-endian magic number (two zero bytes, a type byte — 0x08 for
/// unsigned bytes — and the number of dimensions), then one big-endian 32-bit size per dimension, then the data in
/// row-major order. Files may be gzip-compressed (recognised by their first two bytes, 1F 8B). Every problem is a
/// <see cref="DataFileException"/> naming the file. Docs: docs/Data/Idx.md.
/// </summary>
internal static class Idx
{
    /// <summary>Reads an IDX file of unsigned bytes with the given number of dimensions, within the default input size limit.</summary>
    /// <returns>The sizes of the dimensions and the data.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="DataFileException">The file is missing, not a regular file, too large, truncated, or not such an IDX file.</exception>
    public static (int[] Sizes, byte[] Data) Read(string path, int dimensions) => Read(path, dimensions, ReferenceNN.Oracle.Limits.DefaultMaxInputBytes);

    /// <summary>
    /// Reads an IDX file of unsigned bytes: a regular file of at most <paramref name="maxBytes"/> bytes (opened once, a
    /// pipe or device refused at once), gzip-compressed or not. A compressed file is inflated only as far as its IDX
    /// header declares — and only if that is within <paramref name="maxBytes"/> — so a small file that would inflate to
    /// gigabytes is refused after the declared size, not after the gigabytes.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="DataFileException">The file is missing, not a regular file, too large, truncated, corrupt, or not such an IDX file.</exception>
    public static (int[] Sizes, byte[] Data) Read(string path, int dimensions, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = InputFile.ReadAllBytes(path, maxBytes);
        }
        catch (InputFileException e)
        {
            throw new DataFileException(path, e.Message, e);
        }
        return Gzip.IsGzip(bytes) ? ReadCompressed(bytes, dimensions, path, maxBytes) : Parse(bytes, dimensions, path);
    }

    /// <summary>Parses IDX content (already decompressed).</summary>
    internal static (int[] Sizes, byte[] Data) Parse(byte[] bytes, int dimensions, string path)
    {
        (int[] sizes, long count) = Header(bytes, dimensions, path, bytes.Length);
        int headerLength = 4 + 4 * dimensions;
        long available = bytes.Length - headerLength;
        if (available < count) throw new DataFileException(path, $"truncated: {Announced(count, sizes, available)}");
        if (available > count) throw new DataFileException(path, $"too long: {Announced(count, sizes, available)}");
        return (sizes, bytes[headerLength..]);
    }

    private static (int[] Sizes, byte[] Data) ReadCompressed(byte[] compressed, int dimensions, string path, long maxBytes)
    {
        using Gzip gzip = Gzip.Open(compressed, path);
        int headerLength = 4 + 4 * dimensions;
        var header = new byte[headerLength];
        int got = gzip.Read(header);
        (int[] sizes, long count) = Header(header.AsSpan(0, got), dimensions, path, got);
        if (headerLength + count > maxBytes)
        {
            throw new DataFileException(path, $"declares {headerLength + count} bytes once decompressed ({string.Join("×", sizes)}), more than the input limit of {maxBytes} bytes (--max-input-size)");
        }
        if (count > Array.MaxLength) throw new DataFileException(path, $"declares {count} bytes of data ({string.Join("×", sizes)}), more than an array holds ({Array.MaxLength})");
        var data = new byte[count];
        int read = gzip.Read(data);
        if (read < count) throw new DataFileException(path, $"truncated: {Announced(count, sizes, read)}");
        gzip.Finish(headerLength + count);
        return (sizes, data);
    }

    /// <summary>The magic number and the sizes, with the number of data bytes they announce (at most 2³¹·³, so a long holds it).</summary>
    private static (int[] Sizes, long Count) Header(ReadOnlySpan<byte> bytes, int dimensions, string path, long length)
    {
        if (length < 4) throw new DataFileException(path, $"truncated: {length} bytes, shorter than the 4-byte magic number");
        uint magic = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        uint expected = 0x0800u | (uint)dimensions;
        if (magic != expected)
        {
            throw new DataFileException(path, $"magic number 0x{magic:X8} is not that of an IDX file of unsigned bytes with {dimensions} dimensions (0x{expected:X8})");
        }
        int headerLength = 4 + 4 * dimensions;
        if (length < headerLength) throw new DataFileException(path, $"truncated in the header: {length} bytes, {headerLength} needed");
        var sizes = new int[dimensions];
        System.Numerics.BigInteger count = 1;
        for (int d = 0; d < dimensions; d++)
        {
            uint size = BinaryPrimitives.ReadUInt32BigEndian(bytes[(4 + 4 * d)..]);
            if (size == 0 || size > int.MaxValue) throw new DataFileException(path, $"dimension {d} has size {size}");
            sizes[d] = (int)size;
            count *= size;
        }
        // More than a long can hold is more than any file holds: report it as the largest long.
        return (sizes, count > long.MaxValue / 2 ? long.MaxValue / 2 : (long)count);
    }

    /// <summary>Writes an IDX file of unsigned bytes (for tests and small data sets), gzip-compressed if the path ends in .gz.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The sizes do not multiply to the data's length.</exception>
    public static void Write(string path, int[] sizes, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(data);
        long count = 1;
        foreach (int size in sizes) count *= size;
        if (count != data.Length) throw new ArgumentException($"Idx.Write: sizes {string.Join("×", sizes)} hold {count} bytes, not {data.Length}.", nameof(sizes));
        var bytes = new byte[4 + 4 * sizes.Length + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, 0x0800u | (uint)sizes.Length);
        for (int d = 0; d < sizes.Length; d++) BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4 + 4 * d), (uint)sizes[d]);
        data.CopyTo(bytes, 4 + 4 * sizes.Length);
        using FileStream file = File.Create(path);
        if (path.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var gzip = new GZipStream(file, CompressionLevel.Fastest);
            gzip.Write(bytes);
        }
        else
        {
            file.Write(bytes);
        }
    }

    private static string Announced(long count, int[] sizes, long available) =>
        $"the header announces {count} bytes of data ({string.Join("×", sizes)}) but the file holds {available}";
}
