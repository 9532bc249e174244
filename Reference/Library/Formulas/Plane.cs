using System;

namespace ReferenceNN.Formulas;

/// <summary>
/// One channel of a channels-last tensor seen as a height×width matrix: element [r, c] is
/// <c>span[(r·Width + c)·Depth + Channel]</c>. Channel d of an i×j×d image X is X_d; the kernel K_{d,k} of m×n×d×k
/// convolution weights is the plane with depth d·k and channel d·k + k (see <see cref="Convolution"/>).
/// </summary>
/// <typeparam name="T">The number type.</typeparam>
public readonly ref struct Plane<T>
{
    private readonly Span<T> _span;

    /// <summary>Views channel <paramref name="channel"/> of a <paramref name="height"/>×<paramref name="width"/>×<paramref name="depth"/> tensor.</summary>
    /// <exception cref="ArgumentException">The span does not hold height·width·depth elements, or the channel is not in [0, depth).</exception>
    public Plane(Span<T> span, int height, int width, int depth, int channel)
    {
        PlaneShape.Check(span.Length, height, width, depth, channel);
        _span = span;
        (Height, Width, Depth, Channel) = (height, width, depth, channel);
    }

    /// <summary>The number of rows.</summary>
    public int Height { get; }

    /// <summary>The number of columns.</summary>
    public int Width { get; }

    /// <summary>The number of channels of the tensor the plane is taken from.</summary>
    public int Depth { get; }

    /// <summary>Which channel.</summary>
    public int Channel { get; }

    /// <summary>Element [r, c].</summary>
    public ref T this[int r, int c] => ref _span[(r * Width + c) * Depth + Channel];
}

/// <summary>The read-only counterpart of <see cref="Plane{T}"/>: element [r, c] is <c>span[(r·Width + c)·Depth + Channel]</c>.</summary>
/// <typeparam name="T">The number type.</typeparam>
public readonly ref struct ReadOnlyPlane<T>
{
    private readonly ReadOnlySpan<T> _span;

    /// <summary>Views channel <paramref name="channel"/> of a <paramref name="height"/>×<paramref name="width"/>×<paramref name="depth"/> tensor.</summary>
    /// <exception cref="ArgumentException">The span does not hold height·width·depth elements, or the channel is not in [0, depth).</exception>
    public ReadOnlyPlane(ReadOnlySpan<T> span, int height, int width, int depth, int channel)
    {
        PlaneShape.Check(span.Length, height, width, depth, channel);
        _span = span;
        (Height, Width, Depth, Channel) = (height, width, depth, channel);
    }

    /// <summary>The number of rows.</summary>
    public int Height { get; }

    /// <summary>The number of columns.</summary>
    public int Width { get; }

    /// <summary>The number of channels of the tensor the plane is taken from.</summary>
    public int Depth { get; }

    /// <summary>Which channel.</summary>
    public int Channel { get; }

    /// <summary>Element [r, c].</summary>
    public T this[int r, int c] => _span[(r * Width + c) * Depth + Channel];
}

internal static class PlaneShape
{
    internal static void Check(int length, int height, int width, int depth, int channel)
    {
        if (height < 1 || width < 1 || depth < 1 || (long)height * width * depth != length || (uint)channel >= (uint)depth)
        {
            throw new ArgumentException(
                $"Plane: channel {channel} of a {height}×{width}×{depth} tensor does not fit a span of {length} elements.");
        }
    }
}
