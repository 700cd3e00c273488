using System.Globalization;
using Myelin.Data;
using Myelin.NN;
using Myelin.Vision;

namespace Myelin.Cli.VisionDemos;

/// <summary>
/// The <c>feature-maps</c> demo: a convolution whose two filters are set by hand to the Sobel edge detectors,
/// applied to a handwritten digit (8×8, enlarged to 32×32) and to a square. It writes the inputs, the filters
/// and the feature maps as PNG files and prints what the filters respond to: intensity changes across an edge,
/// and nothing in flat regions.
/// </summary>
public static class FeatureMapsDemo
{
    /// <summary>The demo's name in <see cref="VisionDemoCatalog"/>.</summary>
    public const string Name = "feature-maps";

    /// <summary>One line on what the demo shows.</summary>
    public const string Summary = "Sobel edge filters in a Conv2d, applied to a digit and a square; writes inputs, filters and feature maps as PNG.";

    /// <summary>The side of the images the filters see.</summary>
    const int Side = 32;

    /// <summary>How much larger the PNG files show each pixel.</summary>
    const int PngScale = 4;

    /// <summary>
    /// A Conv2d(1, 2, 3, padding 1, no bias) holding the Sobel filters. Channel 0, Sobel x, subtracts the column
    /// left of each pixel from the column right of it (weights 1, 2, 1 down the rows), so it responds to vertical
    /// edges: positive where the image gets brighter to the right. Channel 1, Sobel y, is its transpose and
    /// responds to horizontal edges, positive where the image gets brighter downwards.
    /// Shape: [N, 1, H, W] → [N, 2, H, W].
    /// </summary>
    public static Conv2d SobelFilters()
    {
        var conv = new Conv2d(1, 2, 3, padding: 1, bias: false);
        float[] sobelX = [-1, 0, 1, -2, 0, 2, -1, 0, 1];
        float[] sobelY = [-1, -2, -1, 0, 0, 0, 1, 2, 1];
        using (Autograd.NoGrad()) conv.Weight.CopyFrom(Tensor.FromArray([.. sobelX, .. sobelY], 2, 1, 3, 3));
        return conv;
    }

    /// <summary>Runs the demo: writes its PNG files to <see cref="DemoArguments.OutputDirectory"/> and describes them on <paramref name="output"/>.</summary>
    /// <returns>The files written.</returns>
    public static IReadOnlyList<string> Run(DemoArguments arguments, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        Directory.CreateDirectory(arguments.OutputDirectory);
        var sobel = SobelFilters();
        var files = new List<string>();
        string Save(Tensor image, string name, int scale = PngScale)
        {
            string path = DemoImages.Save(image, arguments.OutputDirectory, name, scale);
            files.Add(path);
            return path;
        }

        output.WriteLine("A Conv2d(1, 2, kernel 3×3, padding 1) with two hand-set filters:");
        output.WriteLine("  Sobel x  [-1 0 1; -2 0 2; -1 0 1]  brightness change from left to right: vertical edges");
        output.WriteLine("  Sobel y  [-1 -2 -1; 0 0 0; 1 2 1]  brightness change from top to bottom: horizontal edges");
        Save(ImageGrid.Filters(sobel.Weight), "filters.png", scale: 16);

        // The square: rows and columns 8 … 23 are 1, the rest 0.
        var square = SyntheticShapes.Draw(ShapeKind.Square, Side, Side / 2.0, Side / 2.0, Side / 4.0).Reshape(1, 1, Side, Side);
        Tensor squareMaps;
        using (Autograd.NoGrad()) squareMaps = sobel.Forward(square);
        Save(square[0], "square.png");
        Save(ImageGrid.FeatureMaps(squareMaps, normalization: GridNormalization.Symmetric), "square-feature-maps.png");
        DescribeSquare(squareMaps, output);

        // A digit, enlarged by an Upsample layer inside the model so FeatureMaps.Capture can show both steps.
        var digits = Datasets.Digits();
        // The seed picks the digit: sample seed − 1 of the data set (the default seed 1 gives the first, a 0).
        int index = (int)(((long)arguments.Seed - 1) % digits.Count + digits.Count) % digits.Count;
        var digit = digits.Features[index].Reshape(1, 1, 8, 8) / 16.0;
        var model = new Sequential(new Upsample(scaleFactor: Side / 8.0), sobel);
        IReadOnlyDictionary<string, Tensor> maps;
        using (Autograd.NoGrad()) maps = FeatureMaps.Capture(model, digit, "0", "1");
        var enlarged = maps["0"];
        var edges = maps["1"];
        var magnitude = (edges.Select(1, 0).Square() + edges.Select(1, 1).Square()).Sqrt();
        Save(enlarged[0], "digit.png");
        Save(ImageGrid.FeatureMaps(edges, normalization: GridNormalization.Symmetric), "digit-feature-maps.png");
        Save(ImageGrid.Tile(magnitude, normalization: GridNormalization.Global, padding: 0), "digit-edges.png");
        DescribeDigit(digits.ClassNames[(int)digits.Labels[index].Item<long>()], enlarged, edges, output);

        output.WriteLine($"Wrote {files.Count} images to {arguments.OutputDirectory}: {string.Join(", ", files.Select(Path.GetFileName))}.");
        output.WriteLine("In the feature maps mid-grey is 0, white the strongest positive response, black the strongest negative one.");
        return files;
    }

    /// <summary>Reports the responses at the square's edges and inside it.</summary>
    static void DescribeSquare(Tensor maps, TextWriter output)
    {
        var x = maps[0][0];
        var y = maps[0][1];
        int middle = Side / 2, first = Side / 4, last = 3 * Side / 4 - 1;
        output.WriteLine($"Square (pixels {first}…{last} are 1, the rest 0):");
        output.WriteLine($"  Sobel x: left edge {Value(x, middle, first)}, right edge {Value(x, middle, last)}, top edge {Value(x, first, middle)}, inside {Value(x, middle, middle)}, outside {Value(x, 2, 2)}");
        output.WriteLine($"  Sobel y: top edge {Value(y, first, middle)}, bottom edge {Value(y, last, middle)}, left edge {Value(y, middle, first)}, inside {Value(y, middle, middle)}, outside {Value(y, 2, 2)}");
        output.WriteLine("  Each filter answers only to edges across its direction, with the sign of the step (dark→bright +, bright→dark −), and gives 0 where the image is flat.");
    }

    /// <summary>Reports where the digit's responses are: none in flat regions, the strongest along the strokes' sides.</summary>
    static void DescribeDigit(string label, Tensor input, Tensor edges, TextWriter output)
    {
        var pixels = input[0][0].ToArray();
        var gx = edges[0][0].ToArray();
        var gy = edges[0][1].ToArray();
        int flat = 0, flatSilent = 0;
        for (int r = 0; r < Side; r++)
            for (int c = 0; c < Side; c++)
            {
                if (!IsFlat(pixels, r, c)) continue;
                flat++;
                if (gx[r * Side + c] == 0 && gy[r * Side + c] == 0) flatSilent++;
            }
        int strongest = Enumerable.Range(0, gx.Length).MaxBy(i => Math.Abs(gx[i]));
        output.WriteLine($"Digit {label} (8×8 enlarged to {Side}×{Side}):");
        output.WriteLine($"  {flat} of {Side * Side} pixels have a flat 3×3 neighbourhood; both filters give exactly 0 at {flatSilent} of them.");
        output.WriteLine($"  The strongest Sobel x response, {Format(gx[strongest])}, is at row {strongest / Side}, column {strongest % Side}, on the side of a stroke.");
    }

    /// <summary>True when the 3×3 neighbourhood of (r, c), with zero padding, holds one value.</summary>
    static bool IsFlat(float[] pixels, int r, int c)
    {
        float At(int y, int x) => y < 0 || y >= Side || x < 0 || x >= Side ? 0 : pixels[y * Side + x];
        float centre = At(r, c);
        for (int dy = -1; dy <= 1; dy++)
            for (int dx = -1; dx <= 1; dx++)
                if (At(r + dy, c + dx) != centre) return false;
        return true;
    }

    static string Value(Tensor map, int row, int column) => Format(map[row][column].Item<float>());

    static string Format(float value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
