using Myelin.Data;
using Myelin.Learn;

namespace Myelin.Cli.Demos;

/// <summary>A self-organising map of the iris flowers and of random colours.</summary>
internal sealed class SomDemo : Demo
{
    public override string Name => "som";

    public override string Summary => "a self-organising map sorts iris flowers by species without labels, and random colours into a smooth map";

    public override int Run(DemoContext context)
    {
        LabeledData iris = Datasets.Iris();
        Tensor features = new StandardScaler().FitTransform(iris.Features);
        var map = new SelfOrganizingMap(6, 6, 4, new Generator(1));
        map.Train(features, iterations: 2000, new Generator(2));
        double purity = map.Purity(features, iris.Labels);

        context.Line("A 6 × 6 self-organising map trained on the 150 iris flowers (4 standardised measurements), never shown the species.");
        context.Line("Each cell shows the most common species among the flowers it wins (s = setosa, v = versicolor, g = virginica, . = none):");
        context.Line();
        int[,] majority = map.MajorityLabels(features, iris.Labels);
        for (int r = 0; r < map.Rows; r++)
            context.Line("    " + string.Join(" ", Enumerable.Range(0, map.Columns).Select(c => majority[r, c] switch { 0 => "s", 1 => "v", 2 => "g", _ => "." })));
        context.Line();
        context.Line($"Purity: {purity * 100:F1}% of the flowers share their cell's majority species. Similar flowers land in neighbouring cells.");

        var colours = Tensor.Rand([500, 3], new Generator(3));
        var colourMap = new SelfOrganizingMap(20, 20, 3, new Generator(4));
        colourMap.Train(colours, iterations: 3000, new Generator(5));
        double neighbours = colourMap.MeanNeighbourDistance(), random = colourMap.MeanRandomPairDistance(1000, new Generator(6));
        context.Line();
        context.Line("A 20 × 20 map trained on 500 random RGB colours:");
        context.Line($"  mean colour distance between neighbouring cells {neighbours:F3}, between random cells {random:F3}");
        context.Line("  neighbours are close in colour: the map has arranged the colour cube into a smooth picture.");
        context.Save("som-colours.png", "the colour map", path => PngWriter.Save(path, 200, 200, colourMap.ToRgb(cellSize: 10)));
        return purity >= 0.9 && neighbours < 0.3 * random ? 0 : 1;
    }
}
