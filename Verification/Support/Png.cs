using System;
using System.Buffers.Binary;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Text;
using Xunit.Sdk;

namespace ReferenceNN.Verification.Support;

/// <summary>An image as 8-bit RGBA pixels, row by row from the top left.</summary>
public sealed record Image(int Width, int Height, byte[] Rgba)
{
    /// <summary>The pixel at (x, y) as (r, g, b, a).</summary>
    public (byte R, byte G, byte B, byte A) At(int x, int y)
    {
        int n = 4 * (y * Width + x);
        return (Rgba[n], Rgba[n + 1], Rgba[n + 2], Rgba[n + 3]);
    }
}

/// <summary>
/// Just enough PNG for the golden-image tests: decodes what rsvg-convert writes (8-bit RGB or RGBA, not interlaced,
/// the five row filters), and renders SVG with rsvg-convert (Debian's librsvg2-bin), failing clearly without it.
/// </summary>
public static class Png
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    /// <summary>Decodes a PNG file's bytes.</summary>
    public static Image Decode(byte[] png)
    {
        if (png.Length < 8 || !png.AsSpan(0, 8).SequenceEqual(Signature)) throw new InvalidDataException("not a PNG file");
        int width = 0, height = 0, channels = 0;
        using var data = new MemoryStream();
        for (int at = 8; at + 8 <= png.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            string type = Encoding.ASCII.GetString(png, at + 4, 4);
            ReadOnlySpan<byte> body = png.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(body);
                height = BinaryPrimitives.ReadInt32BigEndian(body[4..]);
                (byte depth, byte color, byte interlace) = (body[8], body[9], body[12]);
                if (depth != 8 || color is not (2 or 6) || interlace != 0)
                {
                    throw new InvalidDataException($"PNG with bit depth {depth}, color type {color}, interlace {interlace}: only 8-bit RGB(A), not interlaced");
                }
                channels = color == 6 ? 4 : 3;
            }
            else if (type == "IDAT") data.Write(body);
            else if (type == "IEND") break;
            at += 12 + length;
        }
        if (channels == 0) throw new InvalidDataException("PNG without IHDR");
        data.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(data, CompressionMode.Decompress)) zlib.CopyTo(inflated);
        byte[] raw = inflated.ToArray();
        int stride = width * channels;
        if (raw.Length != height * (stride + 1)) throw new InvalidDataException($"PNG data is {raw.Length} bytes, not {height * (stride + 1)}");
        var pixels = new byte[height * stride];
        for (int y = 0; y < height; y++)
        {
            byte filter = raw[y * (stride + 1)];
            for (int x = 0; x < stride; x++)
            {
                int a = x >= channels ? pixels[y * stride + x - channels] : 0;
                int b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
                int c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
                int value = raw[y * (stride + 1) + 1 + x];
                value += filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"PNG row filter {filter}"),
                };
                pixels[y * stride + x] = (byte)value;
            }
        }
        if (channels == 4) return new Image(width, height, pixels);
        var rgba = new byte[width * height * 4];
        for (int n = 0; n < width * height; n++)
        {
            rgba[4 * n] = pixels[3 * n];
            rgba[4 * n + 1] = pixels[3 * n + 1];
            rgba[4 * n + 2] = pixels[3 * n + 2];
            rgba[4 * n + 3] = 255;
        }
        return new Image(width, height, rgba);
    }

    /// <summary>
    /// Renders SVG text to PNG bytes with rsvg-convert. Fails the test, saying how to install it, when rsvg-convert is
    /// missing: a golden-image test must not pass by skipping.
    /// </summary>
    public static byte[] Render(string svg)
    {
        using var folder = new TempFolder();
        string input = folder.Write("plot.svg", svg), output = Path.Combine(folder.Path, "plot.png");
        var start = new ProcessStartInfo("rsvg-convert") { RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("--output");
        start.ArgumentList.Add(output);
        start.ArgumentList.Add(input);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new XunitException("rsvg-convert did not start");
        }
        catch (Win32Exception e)
        {
            throw new XunitException($"rsvg-convert is missing ({e.Message}): install Debian's librsvg2-bin (sudo apt-get install librsvg2-bin); .ci/run installs it");
        }
        using (process)
        {
            string errors = process.StandardError.ReadToEnd();
            if (!process.WaitForExit(60_000))
            {
                process.Kill();
                throw new XunitException("rsvg-convert did not finish in 60 s");
            }
            if (process.ExitCode != 0) throw new XunitException($"rsvg-convert exited {process.ExitCode}: {errors}");
        }
        return File.ReadAllBytes(output);
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
