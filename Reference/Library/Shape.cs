using System;

namespace ReferenceNN;

/// <summary>
/// The shape of a <see cref="Tensor"/>: one to four positive sizes, read in row-major order.
/// A sample row is <c>1×N</c>, an image is <c>height×width×depth</c> (channels last, as in the article),
/// and convolution weights are <c>m×n×d×k</c>. <see cref="ToString"/> prints the sizes joined by ×, e.g. <c>1×3</c>.
/// </summary>
public readonly struct Shape : IEquatable<Shape>
{
    /// <summary>The largest number of axes a shape can have.</summary>
    public const int MaxRank = 4;

    private readonly int _d0, _d1, _d2, _d3;

    /// <summary>Creates a one-axis shape, e.g. the <c>k</c> biases of a convolution.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is zero or negative.</exception>
    public Shape(int length) : this(1, length, 1, 1, 1) { }

    /// <summary>Creates a <c>rows×columns</c> shape, e.g. a sample <c>1×N</c> or weights <c>i×j</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is zero or negative.</exception>
    public Shape(int rows, int columns) : this(2, rows, columns, 1, 1) { }

    /// <summary>Creates a <c>height×width×depth</c> shape (an image, channels last).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is zero or negative.</exception>
    public Shape(int height, int width, int depth) : this(3, height, width, depth, 1) { }

    /// <summary>Creates a four-axis shape, e.g. convolution weights <c>m×n×d×k</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is zero or negative.</exception>
    public Shape(int d0, int d1, int d2, int d3) : this(4, d0, d1, d2, d3) { }

    private Shape(int rank, int d0, int d1, int d2, int d3)
    {
        Rank = rank;
        _d0 = d0; _d1 = d1; _d2 = d2; _d3 = d3;
        for (int axis = 0; axis < rank; axis++)
        {
            if (this[axis] < 1)
            {
                throw new ArgumentOutOfRangeException(
                    null, this[axis], $"Shape: size {this[axis]} on axis {axis} must be at least 1.");
            }
        }
    }

    /// <summary>Creates a shape from its sizes, one per axis.</summary>
    /// <exception cref="ArgumentException">There are no sizes, or more than <see cref="MaxRank"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is zero or negative.</exception>
    public static Shape Of(ReadOnlySpan<int> sizes) => sizes.Length switch
    {
        1 => new Shape(sizes[0]),
        2 => new Shape(sizes[0], sizes[1]),
        3 => new Shape(sizes[0], sizes[1], sizes[2]),
        4 => new Shape(sizes[0], sizes[1], sizes[2], sizes[3]),
        _ => throw new ArgumentException(
            $"Shape.Of: a shape has 1 to {MaxRank} axes, not {sizes.Length}.", nameof(sizes)),
    };

    /// <summary>The number of axes (1 to 4).</summary>
    public int Rank { get; }

    /// <summary>The size of one axis.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is not in [0, <see cref="Rank"/>).</exception>
    public int this[int axis] => (uint)axis < (uint)Rank
        ? axis switch { 0 => _d0, 1 => _d1, 2 => _d2, _ => _d3 }
        : throw new ArgumentOutOfRangeException(nameof(axis), axis, $"Shape {this}: axis {axis} does not exist.");

    /// <summary>The number of elements: the product of the sizes.</summary>
    public int Size
    {
        get
        {
            // Four sizes below 2³¹ can multiply past 2⁶³ (7623851·409891·2731·4323 wraps to exactly 1), so the product
            // stops growing once it is past Array.MaxLength (below 2³¹): each step then stays below 2⁶².
            long size = 1;
            for (int axis = 0; axis < Rank; axis++)
            {
                size = size <= Array.MaxLength ? size * this[axis] : size;
            }
            return size <= Array.MaxLength
                ? (int)size
                : throw new OverflowException($"Shape {this}: more elements than an array can hold ({Array.MaxLength}).");
        }
    }

    /// <summary>The sizes as a new array, one per axis.</summary>
    public int[] ToArray()
    {
        var sizes = new int[Rank];
        for (int axis = 0; axis < Rank; axis++) sizes[axis] = this[axis];
        return sizes;
    }

    /// <summary>The sizes joined by ×, e.g. <c>1×3</c> or <c>28×28×1</c>.</summary>
    public override string ToString() => Rank switch
    {
        0 => "(no shape)",
        1 => $"{_d0}",
        2 => $"{_d0}×{_d1}",
        3 => $"{_d0}×{_d1}×{_d2}",
        _ => $"{_d0}×{_d1}×{_d2}×{_d3}",
    };

    /// <summary>Two shapes are equal when they have the same axes with the same sizes.</summary>
    public bool Equals(Shape other) =>
        Rank == other.Rank && _d0 == other._d0 && _d1 == other._d1 && _d2 == other._d2 && _d3 == other._d3;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Shape other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Rank, _d0, _d1, _d2, _d3);

    /// <summary>Whether two shapes are equal.</summary>
    public static bool operator ==(Shape left, Shape right) => left.Equals(right);

    /// <summary>Whether two shapes differ.</summary>
    public static bool operator !=(Shape left, Shape right) => !left.Equals(right);
}
