using System;
using System.Globalization;
using System.Text;

namespace ReferenceNN;

/// <summary>
/// A dense block of doubles with a <see cref="ReferenceNN.Shape"/>, stored in row-major order:
/// element (a, b, c) of an <c>A×B×C</c> tensor sits at <c>(a·B + b)·C + c</c> in <see cref="Span"/>.
/// All the library's arithmetic is written as explicit loops over that span.
/// </summary>
public sealed class Tensor
{
    private readonly double[] _data;

    /// <summary>Creates a tensor of zeros.</summary>
    public Tensor(Shape shape)
    {
        if (shape.Rank == 0) throw new ArgumentException("Tensor: the shape has no axes (default(Shape)).", nameof(shape));
        Shape = shape;
        _data = new double[shape.Size];
    }

    /// <summary>Creates a tensor holding a copy of <paramref name="values"/>, in row-major order.</summary>
    /// <exception cref="ArgumentException">The number of values is not the shape's size.</exception>
    public Tensor(Shape shape, ReadOnlySpan<double> values) : this(shape)
    {
        if (values.Length != _data.Length)
        {
            throw new ArgumentException(
                $"Tensor: {values.Length} values do not fill a {shape} tensor ({shape.Size} elements).", nameof(values));
        }
        values.CopyTo(_data);
    }

    /// <summary>Creates a <c>1×N</c> row holding a copy of <paramref name="values"/>.</summary>
    /// <exception cref="ArgumentException">There are no values.</exception>
    public static Tensor Row(params double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0) throw new ArgumentException("Tensor.Row: a row needs at least one value.", nameof(values));
        return new Tensor(new Shape(1, values.Length), values);
    }

    /// <summary>The tensor's shape.</summary>
    public Shape Shape { get; }

    /// <summary>The number of elements.</summary>
    public int Length => _data.Length;

    /// <summary>The elements in row-major order.</summary>
    public Span<double> Span => _data;

    /// <summary>Element (i, j) of a two-axis tensor.</summary>
    /// <exception cref="InvalidOperationException">The tensor does not have two axes.</exception>
    /// <exception cref="IndexOutOfRangeException">An index is outside its axis.</exception>
    public double this[int i, int j]
    {
        get => _data[Offset(i, j)];
        set => _data[Offset(i, j)] = value;
    }

    /// <summary>Element (i, j, k) of a three-axis tensor.</summary>
    /// <exception cref="InvalidOperationException">The tensor does not have three axes.</exception>
    /// <exception cref="IndexOutOfRangeException">An index is outside its axis.</exception>
    public double this[int i, int j, int k]
    {
        get => _data[Offset(i, j, k)];
        set => _data[Offset(i, j, k)] = value;
    }

    /// <summary>Element (i, j, k, l) of a four-axis tensor.</summary>
    /// <exception cref="InvalidOperationException">The tensor does not have four axes.</exception>
    /// <exception cref="IndexOutOfRangeException">An index is outside its axis.</exception>
    public double this[int i, int j, int k, int l]
    {
        get => _data[Offset(i, j, k, l)];
        set => _data[Offset(i, j, k, l)] = value;
    }

    /// <summary>A new tensor with the same shape and a copy of the elements.</summary>
    public Tensor Clone() => new(Shape, _data);

    /// <summary>Copies the elements into <paramref name="destination"/>, which must have the same shape.</summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public void CopyTo(Tensor destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        RequireShape("Tensor.CopyTo", "destination", destination, Shape);
        _data.AsSpan().CopyTo(destination._data);
    }

    /// <summary>Whether both tensors have the same shape and bit-identical elements.</summary>
    public bool BitwiseEquals(Tensor? other)
    {
        if (other is null || other.Shape != Shape) return false;
        for (int n = 0; n < _data.Length; n++)
        {
            if (BitConverter.DoubleToInt64Bits(_data[n]) != BitConverter.DoubleToInt64Bits(other._data[n])) return false;
        }
        return true;
    }

    /// <summary>
    /// The row-major index of each axis for a flat position, e.g. position 5 of a 2×3 tensor is (1, 2).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The position is outside the tensor.</exception>
    public int[] IndexOf(int position)
    {
        if ((uint)position >= (uint)_data.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(position), position, $"Tensor.IndexOf: a {Shape} tensor has no position {position}.");
        }
        var index = new int[Shape.Rank];
        for (int axis = Shape.Rank - 1; axis >= 0; axis--)
        {
            index[axis] = position % Shape[axis];
            position /= Shape[axis];
        }
        return index;
    }

    /// <summary>An index such as <c>[1,2]</c>, written as the article's NumPy would write it.</summary>
    public static string FormatIndex(int[] index)
    {
        ArgumentNullException.ThrowIfNull(index);
        return "[" + string.Join(",", index) + "]";
    }

    /// <summary>The elements as nested brackets, e.g. <c>[[1, 2, 3]]</c>, each number round-trippable.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        int position = 0;
        Append(text, 0, ref position);
        return text.ToString();
    }

    private void Append(StringBuilder text, int axis, ref int position)
    {
        text.Append('[');
        for (int n = 0; n < Shape[axis]; n++)
        {
            if (n > 0) text.Append(", ");
            if (axis == Shape.Rank - 1) text.Append(_data[position++].ToString(CultureInfo.InvariantCulture));
            else Append(text, axis + 1, ref position);
        }
        text.Append(']');
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the operation and both shapes when <paramref name="tensor"/> is not shaped <paramref name="expected"/>.</summary>
    internal static void RequireShape(string operation, string what, Tensor tensor, Shape expected)
    {
        if (tensor.Shape != expected)
        {
            throw new ArgumentException($"{operation}: {what} is {tensor.Shape} but {expected} is required.", what);
        }
    }

    private int Offset(int i, int j)
    {
        RequireRank(2);
        Check(i, 0); Check(j, 1);
        return i * Shape[1] + j;
    }

    private int Offset(int i, int j, int k)
    {
        RequireRank(3);
        Check(i, 0); Check(j, 1); Check(k, 2);
        return (i * Shape[1] + j) * Shape[2] + k;
    }

    private int Offset(int i, int j, int k, int l)
    {
        RequireRank(4);
        Check(i, 0); Check(j, 1); Check(k, 2); Check(l, 3);
        return ((i * Shape[1] + j) * Shape[2] + k) * Shape[3] + l;
    }

    private void RequireRank(int rank)
    {
        if (Shape.Rank != rank)
        {
            throw new InvalidOperationException($"Tensor: a {Shape} tensor has {Shape.Rank} axes, not {rank}.");
        }
    }

    private void Check(int index, int axis)
    {
        if ((uint)index >= (uint)Shape[axis])
        {
            throw new IndexOutOfRangeException($"Tensor: index {index} is outside axis {axis} of a {Shape} tensor.");
        }
    }
}
