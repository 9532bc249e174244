using System;
using System.IO;
using ReferenceNN.Cli.Data;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Cli.Data;

public class MnistDataTests
{
    /// <summary>The message of the DataFileException that loading the folder written by <paramref name="write"/> throws.</summary>
    private static string LoadError(Func<TempFolder, string> write)
    {
        using var folder = new TempFolder();
        string path = write(folder);
        return Assert.Throws<DataFileException>(() => MnistData.Load(path)).Message;
    }

    /// <summary>Writes a small MNIST-format folder: <paramref name="train"/> and <paramref name="test"/> images of 28×28.</summary>
    internal static string WriteFolder(TempFolder folder, int train = 5, int test = 3, bool gzip = true, int labelCount = -1, int side = 28, byte maxLabel = 9, int width = -1, byte firstLabel = 0)
    {
        string ext = gzip ? ".gz" : "";
        foreach ((string prefix, int count) in new[] { ("train", train), ("t10k", test) })
        {
            int columns = width < 0 ? side : width;
            var images = new byte[count * side * columns];
            for (int n = 0; n < images.Length; n++) images[n] = (byte)(n * 7 % 256);
            var labels = new byte[labelCount < 0 ? count : labelCount];
            for (int n = 0; n < labels.Length; n++) labels[n] = (byte)(n % (maxLabel + 1));
            if (labels.Length > 0 && firstLabel != 0) labels[0] = firstLabel;
            Idx.Write(Path.Combine(folder.Path, $"{prefix}-images-idx3-ubyte{ext}"), [count, side, columns], images);
            Idx.Write(Path.Combine(folder.Path, $"{prefix}-labels-idx1-ubyte{ext}"), [labels.Length], labels);
        }
        return folder.Path;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Load_ReadsTheFourFiles(bool gzip)
    {
        using var folder = new TempFolder();
        MnistData data = MnistData.Load(WriteFolder(folder, gzip: gzip));
        Assert.Equal((5, 3), (data.TrainCount, data.TestCount));
        Assert.Equal(5 * 784, data.TrainImages.Length);
        Assert.Equal([0, 1, 2], data.TestLabels);
    }

    [Fact]
    public void Rows_Images_AndTargets_AreScaledAndShaped()
    {
        byte[] images = new byte[2 * 784];
        images[784 + 29] = 255;
        images[784 + 30] = 51;
        Tensor row = MnistData.Row(images, 1);
        Assert.Equal(new Shape(1, 784), row.Shape);
        Assert.Equal(1, row.Span[29]);
        Assert.Equal(0.2, row.Span[30]);
        Tensor image = MnistData.Image(images, 1);
        Assert.Equal(new Shape(28, 28, 1), image.Shape);
        Assert.Equal(1, image[1, 1, 0]);
        Assert.Equal([0.0, 0, 0, 1, 0, 0, 0, 0, 0, 0], MnistData.OneHot(3).Span.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => MnistData.OneHot(10));
        Assert.Throws<ArgumentOutOfRangeException>(() => MnistData.OneHot(-1));
        Expect.Throws<ArgumentOutOfRangeException>(() => MnistData.Row(images, 2), "there is no image 2 among 2");
        Expect.Throws<ArgumentOutOfRangeException>(() => MnistData.Image(images, -1), "there is no image -1 among 2");
        Assert.Throws<ArgumentNullException>(() => MnistData.Row(null!, 0));
    }

    [Fact]
    public void Load_Missing_SaysHowToInstall()
    {
        using var folder = new TempFolder();
        DataFileException e = Assert.Throws<DataFileException>(() => MnistData.Load(folder.Path));
        Assert.StartsWith("train-images-idx3-ubyte: not found in ", e.Message);
        Assert.Contains("sudo apt-get install dataset-fashion-mnist", e.Message);
        Assert.Contains("--data DIR", e.Message);
        Assert.Throws<ArgumentNullException>(() => MnistData.Load(null!));
    }

    [Fact]
    public void Load_CountsThatDisagree_NameTheFile()
    {
        Assert.Equal("train-labels-idx1-ubyte.gz: 4 labels for 5 images in train-images-idx3-ubyte.gz",
            LoadError(folder => WriteFolder(folder, labelCount: 4)));
    }

    [Fact]
    public void Load_WrongImageSizeOrLabel_NameTheFile()
    {
        Assert.Equal("train-images-idx3-ubyte.gz: images are 27×27, not 28×28", LoadError(folder => WriteFolder(folder, side: 27)));
        Assert.Equal("train-labels-idx1-ubyte.gz: label 10 is 10, not 0–9", LoadError(folder => WriteFolder(folder, train: 11, maxLabel: 10)));
    }

    [Fact]
    public void FashionClasses_AreTheTenNames()
    {
        Assert.Equal(["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"], MnistData.FashionClasses);
    }

    [Fact]
    public void Load_ANonSquareImageOrABadFirstLabel_IsRejected()
    {
        Assert.Equal("train-images-idx3-ubyte.gz: images are 28×27, not 28×28", LoadError(folder => WriteFolder(folder, width: 27)));
        Assert.Equal("train-labels-idx1-ubyte.gz: label 0 is 12, not 0–9", LoadError(folder => WriteFolder(folder, firstLabel: 12)));
        Assert.Equal("folder", Assert.Throws<ArgumentNullException>(() => MnistData.Load(null!)).ParamName);
        Assert.StartsWith("MnistData.OneHot: a label is 0 to 9.", Assert.Throws<ArgumentOutOfRangeException>(() => MnistData.OneHot(10)).Message);
    }
}
