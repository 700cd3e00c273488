namespace Myelin.Data;

public static partial class Datasets
{
    static readonly string[] FashionNames =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>
    /// MNIST handwritten digits from the four standard IDX files in <paramref name="directory"/>:
    /// train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and
    /// t10k-labels-idx1-ubyte, each optionally gzip-compressed (<c>.gz</c>); the spelling with a
    /// dot (<c>train-images.idx3-ubyte</c>) is accepted too.
    /// </summary>
    /// <param name="directory">The folder holding the files.</param>
    /// <param name="train">True for the 60,000 training images, false for the 10,000 test images.</param>
    /// <param name="flatten">True for features [N, 784] instead of [N, 1, 28, 28].</param>
    /// <returns>Features Float32 [N, 1, 28, 28] (or [N, 784]) with pixels scaled to [0, 1]; labels Int64 [N] in 0 … 9; class names "0" … "9".</returns>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="FileNotFoundException">An images or labels file is missing; the message lists the names looked for.</exception>
    /// <exception cref="DataFormatException">A file is not valid IDX, or images and labels disagree.</exception>
    public static LabeledData Mnist(string directory, bool train = true, bool flatten = false) =>
        ReadMnistFormat("Mnist", directory, train, flatten, DigitNames);

    /// <summary>
    /// Fashion-MNIST (Zalando Research, MIT licence): 28×28 grey images of clothing in 10 classes,
    /// from the same four IDX file names as <see cref="Mnist"/>. On Debian,
    /// <c>apt-get install dataset-fashion-mnist</c> puts them in <c>/usr/share/datasets/fashion-mnist/</c>.
    /// </summary>
    /// <param name="directory">The folder holding the files.</param>
    /// <param name="train">True for the 60,000 training images, false for the 10,000 test images.</param>
    /// <param name="flatten">True for features [N, 784] instead of [N, 1, 28, 28].</param>
    /// <returns>Features Float32 [N, 1, 28, 28] (or [N, 784]) scaled to [0, 1]; labels Int64 [N] in 0 … 9; class names T-shirt/top, Trouser, Pullover, Dress, Coat, Sandal, Shirt, Sneaker, Bag, Ankle boot.</returns>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="FileNotFoundException">An images or labels file is missing; the message lists the names looked for.</exception>
    /// <exception cref="DataFormatException">A file is not valid IDX, or images and labels disagree.</exception>
    public static LabeledData FashionMnist(string directory, bool train = true, bool flatten = false) =>
        ReadMnistFormat("FashionMnist", directory, train, flatten, FashionNames);

    static LabeledData ReadMnistFormat(string dataset, string directory, bool train, bool flatten, string[] classNames)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string split = train ? "train" : "t10k";
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException(
                $"{dataset}: the directory '{directory}' does not exist; it should hold {split}-images-idx3-ubyte and {split}-labels-idx1-ubyte (optionally .gz).");
        string imagesPath = FindIdxFile(dataset, directory, split, "images", "idx3-ubyte");
        string labelsPath = FindIdxFile(dataset, directory, split, "labels", "idx1-ubyte");

        Idx.RawIdx images, labels;
        using (var input = BinaryInput.OpenFile(imagesPath)) images = Idx.ReadRaw(input);
        using (var input = BinaryInput.OpenFile(labelsPath)) labels = Idx.ReadRaw(input);

        if (images.TypeCode != 0x08 || images.Shape.Length != 3)
            throw new DataFormatException(imagesPath,
                $"expected unsigned-byte images of shape [N, height, width], found {images.TypeName} data of shape {Layout.Format(images.Shape)}.");
        if (labels.TypeCode != 0x08 || labels.Shape.Length != 1)
            throw new DataFormatException(labelsPath,
                $"expected unsigned-byte labels of shape [N], found {labels.TypeName} data of shape {Layout.Format(labels.Shape)}.");
        int count = images.Shape[0], height = images.Shape[1], width = images.Shape[2];
        if (labels.Shape[0] != count)
            throw new DataFormatException(labelsPath, $"holds {labels.Shape[0]} labels but {imagesPath} holds {count} images.");

        var labelValues = new long[count];
        for (int i = 0; i < count; i++)
        {
            byte label = labels.Payload[i];
            if (label >= classNames.Length)
                throw new DataFormatException(labelsPath, $"label {label} of sample {i} is not a class (expected 0 … {classNames.Length - 1}).",
                    byteOffset: 8 + i);
            labelValues[i] = label;
        }
        int[] shape = flatten ? [count, height * width] : [count, 1, height, width];
        return new LabeledData(
            DataTensors.Float32(Idx.BytesToUnitFloats(images.Payload), shape),
            DataTensors.Int64(labelValues, count),
            classNames);
    }

    /// <summary>The first existing spelling of an MNIST file name, or an exception listing every name tried.</summary>
    static string FindIdxFile(string dataset, string directory, string split, string part, string kind)
    {
        string[] names =
        [
            $"{split}-{part}-{kind}", $"{split}-{part}-{kind}.gz",
            $"{split}-{part}.{kind}", $"{split}-{part}.{kind}.gz",
        ];
        foreach (string name in names)
        {
            string path = Path.Combine(directory, name);
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException(
            $"{dataset}: no {(split == "train" ? "training" : "test")} {part} file in '{directory}'; looked for {string.Join(", ", names)}.",
            Path.Combine(directory, names[0]));
    }
}
