namespace Myelin.Cli.Data;

/// <summary>The data sets the tool knows by name (<c>--data NAME</c>).</summary>
public static class DataSetNames
{
    /// <summary>8×8 handwritten digits, 1,797 samples, 64 features, 10 classes (embedded).</summary>
    public const string Digits = "digits";

    /// <summary>Fisher's iris flowers, 150 samples, 4 features, 3 classes (embedded).</summary>
    public const string Iris = "iris";

    /// <summary>Wine cultivars, 178 samples, 13 features, 3 classes (embedded).</summary>
    public const string Wine = "wine";

    /// <summary>Breast cancer diagnosis, 569 samples, 30 features, 2 classes (embedded).</summary>
    public const string BreastCancer = "breast-cancer";

    /// <summary>Three interleaved spiral arms, 300 points in 2-D (generated from the seed).</summary>
    public const string Spiral = "spiral";

    /// <summary>Two interleaved half circles, 500 points in 2-D (generated from the seed).</summary>
    public const string Moons = "moons";

    /// <summary>Fashion-MNIST, 28×28 images of clothing in 10 classes, read from IDX files in <c>--data-dir</c>.</summary>
    public const string FashionMnist = "fashion-mnist";

    /// <summary>Where <c>apt-get install dataset-fashion-mnist</c> puts the Fashion-MNIST files.</summary>
    public const string DefaultFashionMnistDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>Every name, in the order help lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Digits, Iris, Wine, BreastCancer, Spiral, Moons, FashionMnist];

    /// <summary>True when <paramref name="name"/> is a known data set (case-insensitive).</summary>
    public static bool IsKnown(string name) => All.Contains(Normalize(name));

    /// <summary>The canonical spelling of a data set name: lower case.</summary>
    public static string Normalize(string name) => name.Trim().ToLowerInvariant();
}
