using System;
using System.IO;
using ReferenceNN.Cli.Examples;

namespace ReferenceNN.Cli.Data;

/// <summary>
/// An MNIST-format data set (MNIST, Fashion-MNIST): 28×28 grey images with labels 0–9, read from the four standard
/// files of a folder (<c>train-images-idx3-ubyte</c>, <c>train-labels-idx1-ubyte</c>, <c>t10k-images-idx3-ubyte</c>,
/// <c>t10k-labels-idx1-ubyte</c>, each optionally ending in <c>.gz</c>). Pixels are scaled to [0, 1] as the article
/// does (x/255), targets are one-hot rows 1×10. Docs: docs/Data/MnistData.md.
/// </summary>
internal sealed class MnistData
{
    /// <summary>Where Debian's package <c>dataset-fashion-mnist</c> installs Fashion-MNIST.</summary>
    public const string DefaultFolder = "/usr/share/datasets/fashion-mnist";

    /// <summary>Fashion-MNIST's class names, by label.</summary>
    public static readonly string[] FashionClasses =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    private MnistData(byte[] trainImages, byte[] trainLabels, byte[] testImages, byte[] testLabels)
    {
        TrainImages = trainImages;
        TrainLabels = trainLabels;
        TestImages = testImages;
        TestLabels = testLabels;
    }

    /// <summary>The training images, 784 bytes each, row by row.</summary>
    public byte[] TrainImages { get; }

    /// <summary>The training labels, 0–9.</summary>
    public byte[] TrainLabels { get; }

    /// <summary>The test images.</summary>
    public byte[] TestImages { get; }

    /// <summary>The test labels.</summary>
    public byte[] TestLabels { get; }

    /// <summary>The number of training images.</summary>
    public int TrainCount => TrainLabels.Length;

    /// <summary>The number of test images.</summary>
    public int TestCount => TestLabels.Length;

    /// <summary>Reads the four files of <paramref name="folder"/>, checking that they are 28×28 images with as many labels as images, labels 0–9.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="folder"/> is null.</exception>
    /// <exception cref="DataFileException">A file is missing (the message says how to install Fashion-MNIST) or wrong.</exception>
    public static MnistData Load(string folder) => Load(folder, ReferenceNN.Oracle.Limits.DefaultMaxInputBytes);

    /// <summary>Reads the four files as <see cref="Load(string)"/> does, each within <paramref name="maxBytes"/> (compressed and decompressed).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="folder"/> is null.</exception>
    /// <exception cref="DataFileException">A file is missing, too large, or wrong.</exception>
    public static MnistData Load(string folder, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(folder);
        (byte[] trainImages, byte[] trainLabels) = LoadPair(folder, "train", maxBytes);
        (byte[] testImages, byte[] testLabels) = LoadPair(folder, "t10k", maxBytes);
        return new MnistData(trainImages, trainLabels, testImages, testLabels);
    }

    /// <summary>Image <paramref name="index"/> of <paramref name="images"/> as the FC network's input: a row 1×784, pixels/255.</summary>
    public static Tensor Row(byte[] images, int index) => Scaled(images, index, new Shape(1, Mnist.Side * Mnist.Side));

    /// <summary>Image <paramref name="index"/> as the conv network's input: 28×28×1, pixels/255.</summary>
    public static Tensor Image(byte[] images, int index) => Scaled(images, index, new Shape(Mnist.Side, Mnist.Side, 1));

    /// <summary>The one-hot target 1×10 of a label.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The label is not 0–9.</exception>
    public static Tensor OneHot(int label)
    {
        if ((uint)label >= Mnist.Classes) throw new ArgumentOutOfRangeException(nameof(label), label, "MnistData.OneHot: a label is 0 to 9.");
        var target = new Tensor(new Shape(1, Mnist.Classes));
        target.Span[label] = 1;
        return target;
    }

    private static Tensor Scaled(byte[] images, int index, Shape shape)
    {
        ArgumentNullException.ThrowIfNull(images);
        const int size = Mnist.Side * Mnist.Side;
        if (index < 0 || (index + 1) * size > images.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"MnistData: there is no image {index} among {images.Length / size}.");
        }
        var tensor = new Tensor(shape);
        Span<double> values = tensor.Span;
        for (int n = 0; n < size; n++) values[n] = images[index * size + n] / 255.0;
        return tensor;
    }

    private static (byte[] Images, byte[] Labels) LoadPair(string folder, string prefix, long maxBytes)
    {
        string imagesPath = Find(folder, $"{prefix}-images-idx3-ubyte");
        string labelsPath = Find(folder, $"{prefix}-labels-idx1-ubyte");
        (int[] imageSizes, byte[] images) = Idx.Read(imagesPath, 3, maxBytes);
        (int[] labelSizes, byte[] labels) = Idx.Read(labelsPath, 1, maxBytes);
        if (imageSizes[1] != Mnist.Side || imageSizes[2] != Mnist.Side)
        {
            throw new DataFileException(imagesPath, $"images are {imageSizes[1]}×{imageSizes[2]}, not {Mnist.Side}×{Mnist.Side}");
        }
        if (imageSizes[0] != labelSizes[0])
        {
            throw new DataFileException(labelsPath, $"{labelSizes[0]} labels for {imageSizes[0]} images in {Path.GetFileName(imagesPath)}");
        }
        int bad = Array.FindIndex(labels, l => l >= Mnist.Classes);
        if (bad >= 0) throw new DataFileException(labelsPath, $"label {bad} is {labels[bad]}, not 0–9");
        return (images, labels);
    }

    private static string Find(string folder, string name)
    {
        foreach (string candidate in new[] { name, name + ".gz" })
        {
            string path = Path.Combine(folder, candidate);
            if (File.Exists(path)) return path;
        }
        throw new DataFileException(Path.Combine(folder, name),
            $"not found in {ReferenceNN.Oracle.Echo.Value(folder)} (nor {name}.gz). Install Fashion-MNIST with \"sudo apt-get install dataset-fashion-mnist\" " +
            $"(it goes to {DefaultFolder}), or pass --data DIR for a folder with the four MNIST-format files");
    }
}
