using Myelin.Data;

namespace Myelin.Tests.Data;

public class DatasetsTests
{
    static int[] ClassCounts(LabeledData data)
    {
        var counts = new int[data.NumClasses];
        foreach (long label in data.Labels.Data<long>()) counts[label]++;
        return counts;
    }

    static void AssertTable(LabeledData data, int samples, int features, string[] classNames, int[] classCounts)
    {
        Assert.Equal(DType.Float32, data.Features.DType);
        Assert.Equal([samples, features], data.Features.Shape.ToArray());
        Assert.Equal(DType.Int64, data.Labels.DType);
        Assert.Equal([samples], data.Labels.Shape.ToArray());
        Assert.Equal(classNames, data.ClassNames);
        Assert.All(data.Labels.Data<long>(), label => Assert.InRange(label, 0, classNames.Length - 1));
        Assert.Equal(classCounts, ClassCounts(data));
        Assert.All(data.Features.Data<float>(), value => Assert.True(float.IsFinite(value)));
    }

    [Fact]
    public void DigitsIsEmbeddedWithTheRightSizesAndBalance()
    {
        var digits = Datasets.Digits();
        AssertTable(digits, 1797, 64, ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
            [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
        float[] pixels = digits.Features.Data<float>();
        Assert.All(pixels, p => Assert.True(p >= 0 && p <= 16 && p == MathF.Floor(p)));
        Assert.Equal(16f, pixels.Max());
        // The first image of the file, row by row: a zero.
        Assert.Equal([0f, 0f, 5f, 13f, 9f, 1f, 0f, 0f], pixels[..8]);
        Assert.Equal(0L, digits.Labels.Data<long>()[0]);
        Assert.Equal(8L, digits.Labels.Data<long>()[^1]);
    }

    [Fact]
    public void IrisIsEmbeddedWithClassNames()
    {
        var iris = Datasets.Iris();
        AssertTable(iris, 150, 4, ["setosa", "versicolor", "virginica"], [50, 50, 50]);
        Assert.Equal([5.1f, 3.5f, 1.4f, 0.2f], iris.Features.Data<float>()[..4]);
        Assert.Equal([5.9f, 3.0f, 5.1f, 1.8f], iris.Features.Data<float>()[^4..]);
        Assert.Equal(2L, iris.Labels.Data<long>()[^1]);
    }

    [Fact]
    public void WineIsEmbeddedWithClassNames()
    {
        var wine = Datasets.Wine();
        AssertTable(wine, 178, 13, ["class_0", "class_1", "class_2"], [59, 71, 48]);
        Assert.Equal([14.23f, 1.71f, 2.43f], wine.Features.Data<float>()[..3]);
    }

    [Fact]
    public void BreastCancerIsEmbeddedWithClassNames()
    {
        var cancer = Datasets.BreastCancer();
        AssertTable(cancer, 569, 30, ["malignant", "benign"], [212, 357]);
        Assert.Equal([17.99f, 10.38f, 122.8f], cancer.Features.Data<float>()[..3]);
    }

    [Fact]
    public void EachCallReturnsFreshTensors()
    {
        var a = Datasets.Iris();
        a.Features.Data<float>()[0] = -1f;
        Assert.Equal(5.1f, Datasets.Iris().Features.Data<float>()[0]);
    }

    /// <summary>Writes a tiny MNIST-layout folder: 3 training images of 2×2 pixels and 2 test images, the test files gzipped.</summary>
    static TempDirectory MnistFolder(byte[]? trainLabels = null)
    {
        var dir = new TempDirectory();
        dir.Write("train-images-idx3-ubyte", IdxBytes.UBytes([3, 2, 2], 0, 255, 51, 102, 1, 2, 3, 4, 5, 6, 7, 8));
        dir.Write("train-labels-idx1-ubyte", trainLabels ?? IdxBytes.UBytes([3], 7, 0, 9));
        dir.Write("t10k-images-idx3-ubyte.gz", IdxBytes.Gzip(IdxBytes.UBytes([2, 2, 2], 255, 255, 255, 255, 0, 0, 0, 0)));
        dir.Write("t10k-labels-idx1-ubyte.gz", IdxBytes.Gzip(IdxBytes.UBytes([2], 3, 4)));
        return dir;
    }

    [Fact]
    public void MnistReadsImagesScaledWithChannelDimension()
    {
        using var dir = MnistFolder();
        var train = Datasets.Mnist(dir.Path);
        Assert.Equal(DType.Float32, train.Features.DType);
        Assert.Equal([3, 1, 2, 2], train.Features.Shape.ToArray());
        Assert.Equal([0f, 1f, 0.2f, 0.4f], train.Features.Data<float>()[..4]);
        Assert.Equal(DType.Int64, train.Labels.DType);
        Assert.Equal([7L, 0L, 9L], train.Labels.Data<long>());
        Assert.Equal(10, train.NumClasses);

        var test = Datasets.Mnist(dir.Path, train: false, flatten: true);
        Assert.Equal([2, 4], test.Features.Shape.ToArray());
        Assert.Equal([1f, 1f, 1f, 1f, 0f, 0f, 0f, 0f], test.Features.Data<float>());
        Assert.Equal([3L, 4L], test.Labels.Data<long>());
    }

    [Fact]
    public void FashionMnistUsesTheSameFilesWithClothingNames()
    {
        using var dir = MnistFolder();
        var data = Datasets.FashionMnist(dir.Path, train: false);
        Assert.Equal([2, 1, 2, 2], data.Features.Shape.ToArray());
        Assert.Equal("T-shirt/top", data.ClassNames[0]);
        Assert.Equal("Ankle boot", data.ClassNames[9]);
    }

    [Fact]
    public void MnistAcceptsTheDottedFileNames()
    {
        using var dir = new TempDirectory();
        dir.Write("t10k-images.idx3-ubyte", IdxBytes.UBytes([1, 1, 1], 255));
        dir.Write("t10k-labels.idx1-ubyte", IdxBytes.UBytes([1], 5));
        Assert.Equal([5L], Datasets.Mnist(dir.Path, train: false).Labels.Data<long>());
    }

    [Fact]
    public void MissingDirectoryOrFileSaysWhatWasLookedFor()
    {
        var noDir = Assert.Throws<DirectoryNotFoundException>(() => Datasets.Mnist("/nonexistent/mnist"));
        Assert.Contains("/nonexistent/mnist", noDir.Message);
        Assert.Contains("train-images-idx3-ubyte", noDir.Message);

        using var dir = new TempDirectory();
        dir.Write("train-images-idx3-ubyte", IdxBytes.UBytes([1, 1, 1], 0));
        var noLabels = Assert.Throws<FileNotFoundException>(() => Datasets.FashionMnist(dir.Path));
        Assert.Contains("FashionMnist", noLabels.Message);
        Assert.Contains("train-labels-idx1-ubyte, train-labels-idx1-ubyte.gz", noLabels.Message);
        Assert.Contains(dir.Path, noLabels.Message);

        var noTest = Assert.Throws<FileNotFoundException>(() => Datasets.Mnist(dir.Path, train: false));
        Assert.Contains("t10k-images-idx3-ubyte", noTest.Message);
    }

    [Fact]
    public void MnistRejectsLabelsThatDisagreeWithImages()
    {
        using (var dir = MnistFolder(trainLabels: IdxBytes.UBytes([2], 1, 2)))
        {
            var e = Assert.Throws<DataFormatException>(() => Datasets.Mnist(dir.Path));
            Assert.Contains("holds 2 labels", e.Message);
            Assert.Contains("3 images", e.Message);
        }
        using (var dir = MnistFolder(trainLabels: IdxBytes.UBytes([3], 1, 10, 2)))
        {
            var e = Assert.Throws<DataFormatException>(() => Datasets.Mnist(dir.Path));
            Assert.Contains("label 10 of sample 1", e.Message);
            Assert.Equal(9, e.ByteOffset);
        }
        using (var dir = MnistFolder(trainLabels: IdxBytes.UBytes([3, 1], 1, 2, 3)))
        {
            var e = Assert.Throws<DataFormatException>(() => Datasets.Mnist(dir.Path));
            Assert.Contains("expected unsigned-byte labels of shape [N]", e.Message);
        }
    }

    [Fact]
    public void MnistRejectsATruncatedImagesFile()
    {
        using var dir = MnistFolder();
        byte[] cut = IdxBytes.UBytes([3, 2, 2], 1, 2, 3); // 12 pixels promised, 3 present
        string path = dir.Write("train-images-idx3-ubyte", cut);
        var e = Assert.Throws<DataFormatException>(() => Datasets.Mnist(dir.Path));
        Assert.Contains(path, e.Message);
        Assert.Contains("only 3 bytes follow", e.Message);
    }
}
