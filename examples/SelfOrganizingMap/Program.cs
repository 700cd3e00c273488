// A self-organising map arranges data on a grid without labels: iris flowers by species, colours by hue.
// Run: dotnet run --project examples/SelfOrganizingMap   (writes colours.png)
using Myelin;
using Myelin.Data;
using Myelin.Learn;

LabeledData iris = Datasets.Iris();
Tensor features = new StandardScaler().FitTransform(iris.Features);
var irisMap = new SelfOrganizingMap(rows: 6, columns: 6, features: 4, new Generator(1));
irisMap.Train(features, iterations: 2000, new Generator(2));
Console.WriteLine($"Iris map purity: {irisMap.Purity(features, iris.Labels) * 100:F1}% (the map never saw the species)");

var colourMap = new SelfOrganizingMap(rows: 20, columns: 20, features: 3, new Generator(4));
colourMap.Train(Tensor.Rand([500, 3], new Generator(3)), iterations: 3000, new Generator(5));
Console.WriteLine($"Colour map: neighbours {colourMap.MeanNeighbourDistance():F3} apart, random cells {colourMap.MeanRandomPairDistance():F3}");

PngWriter.Save("colours.png", 200, 200, colourMap.ToRgb(cellSize: 10));
Console.WriteLine("Wrote colours.png");
