using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace ReferenceNN.Cli.Data;

/// <summary>
/// The IDX format of MNIST and Fashion-MNIST: a big-endian magic number (two zero bytes, a type byte — 0x08 for
/// unsigned bytes — and the number of dimensions), then one big-endian 32-bit size per dimension, then the data in
/// row-major order. Files may be gzip-compressed (recognised by their first two bytes, 1F 8B). Every problem is a
/// <see cref="DataFileException"/> naming the file. Docs: docs/Data/Idx.md.
/// </summary>
internal static class Idx
{
    /// <summary>Reads an IDX file of unsigned bytes with the given number of dimensions.</summary>
    /// <returns>The sizes of the dimensions and the data.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="DataFileException">The file is missing, truncated, or not such an IDX file.</exception>
    public static (int[] Sizes, byte[] Data) Read(string path, int dimensions)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataFileException(path, "no such file", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException(path, $"cannot be read ({e.Message})", e);
        }
        if (bytes.Length >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B) bytes = Gunzip(bytes, path);
        return Parse(bytes, dimensions, path);
    }

    /// <summary>Parses IDX content (already decompressed).</summary>
    internal static (int[] Sizes, byte[] Data) Parse(byte[] bytes, int dimensions, string path)
    {
        if (bytes.Length < 4) throw new DataFileException(path, $"truncated: {bytes.Length} bytes, shorter than the 4-byte magic number");
        uint magic = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        uint expected = 0x0800u | (uint)dimensions;
        if (magic != expected)
        {
            throw new DataFileException(path, $"magic number 0x{magic:X8} is not that of an IDX file of unsigned bytes with {dimensions} dimensions (0x{expected:X8})");
        }
        int headerLength = 4 + 4 * dimensions;
        if (bytes.Length < headerLength) throw new DataFileException(path, $"truncated in the header: {bytes.Length} bytes, {headerLength} needed");
        var sizes = new int[dimensions];
        long count = 1;
        for (int d = 0; d < dimensions; d++)
        {
            uint size = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4 + 4 * d));
            if (size == 0 || size > int.MaxValue) throw new DataFileException(path, $"dimension {d} has size {size}");
            sizes[d] = (int)size;
            count *= size;
        }
        long available = bytes.Length - headerLength;
        if (available < count) throw new DataFileException(path, $"truncated: {Announced(count, sizes, available)}");
        if (available > count) throw new DataFileException(path, $"too long: {Announced(count, sizes, available)}");
        return (sizes, bytes[headerLength..]);
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

    private static byte[] Gunzip(byte[] compressed, string path)
    {
        try
        {
            using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
            using var output = new MemoryStream();
            gzip.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new DataFileException(path, $"not valid gzip data ({e.Message})", e);
        }
    }
}
