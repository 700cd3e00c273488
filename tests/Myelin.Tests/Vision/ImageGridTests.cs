using Myelin.Vision;

namespace Myelin.Tests.Vision;

public class ImageGridTests
{
    static float[,] Pixels(Tensor grey)
    {
        int h = grey.Shape[0], w = grey.Shape[1];
        var values = grey.ToArray();
        var result = new float[h, w];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                result[y, x] = values[y * w + x];
        return result;
    }

    [Fact]
    public void TilesGoRowByRowWithPaddingBetweenAndAround()
    {
        // Five 2×3 tiles, each constant but different, without normalisation: tile t has value t / 10.
        var tiles = Tensor.FromArray(Enumerable.Range(0, 5).SelectMany(t => Enumerable.Repeat(t / 10f, 6)).ToArray(), 5, 2, 3);
        var grid = ImageGrid.Tile(tiles, columns: 3, padding: 1, normalization: GridNormalization.None, padValue: 1);

        // 2 rows of tiles: height 2·(2 + 1) + 1 = 7, width 3·(3 + 1) + 1 = 13.
        Assert.Equal([7, 13], grid.Shape.ToArray());
        var p = Pixels(grid);
        Assert.Equal(1f, p[0, 0]);                  // border
        Assert.Equal(0f, p[1, 1]);                  // tile 0, top left
        Assert.Equal(1f, p[1, 4]);                  // padding between tiles 0 and 1
        Assert.Equal(0.1f, p[2, 7]);                // tile 1, bottom right
        Assert.Equal(0.2f, p[1, 9]);                // tile 2
        Assert.Equal(0.3f, p[4, 1]);                // tile 3, second row
        Assert.Equal(0.4f, p[5, 7]);                // tile 4
        Assert.Equal(1f, p[4, 9]);                  // the empty sixth place is padding
    }

    [Fact]
    public void PerTileNormalisationStretchesEachTileToTheUnitRange()
    {
        var tiles = Tensor.FromArray(new float[] { -2, 0, 2, 4, 10, 10, 10, 10 }, 2, 2, 2);
        var grid = ImageGrid.Tile(tiles, columns: 2, padding: 0);
        Assert.Equal([0f, 1f / 3, 0f, 0f, 2f / 3, 1f, 0f, 0f], grid.ToArray());   // a constant tile is black
    }

    [Fact]
    public void GlobalAndSymmetricNormalisationCompareTiles()
    {
        var tiles = Tensor.FromArray(new float[] { -2, 0, 1, 2 }, 2, 1, 2);
        Assert.Equal([0f, 0.5f, 0.75f, 1f], ImageGrid.Tile(tiles, columns: 1, padding: 0, normalization: GridNormalization.Global).ToArray());
        Assert.Equal([0f, 0.5f, 0.75f, 1f], ImageGrid.Tile(tiles, columns: 1, padding: 0, normalization: GridNormalization.Symmetric).ToArray());
        var positive = Tensor.FromArray(new float[] { 1, 4 }, 1, 1, 2);
        Assert.Equal([0.625f, 1f], ImageGrid.Tile(positive, padding: 0, normalization: GridNormalization.Symmetric).ToArray());
        Assert.Equal([0.5f, 0.5f], ImageGrid.Tile(Tensor.Zeros(1, 1, 2), padding: 0, normalization: GridNormalization.Symmetric).ToArray());
    }

    [Fact]
    public void DefaultColumnsMakeASquareishGrid()
    {
        var grid = ImageGrid.Tile(Tensor.Zeros(10, 2, 2), padding: 0);
        Assert.Equal([3 * 2, 4 * 2], grid.Shape.ToArray());   // ⌈√10⌉ = 4 columns, 3 rows
    }

    [Fact]
    public void ColourTilesGiveAColourGrid()
    {
        var tiles = Tensor.Rand([2, 3, 4, 5], new Generator(1));
        var grid = ImageGrid.Tile(tiles, columns: 2, padding: 1);
        Assert.Equal([3, 6, 13], grid.Shape.ToArray());
        // Per-tile normalisation covers all three planes of a tile together.
        var first = tiles[0].ToArray();
        float low = first.Min(), high = first.Max();
        Assert.Equal((tiles[0][2][3][4].Item<float>() - low) / (high - low), grid[2][4][5].Item<float>(), 6);
    }

    [Fact]
    public void FeatureMapsTileEachChannelOfOneSample()
    {
        var maps = Tensor.Randn([1, 4, 3, 3], new Generator(2));
        var grid = ImageGrid.FeatureMaps(maps, padding: 1);
        Assert.Equal([2 * 4 + 1, 2 * 4 + 1], grid.Shape.ToArray());
        var channel3 = maps[0][3].ToArray();
        float low = channel3.Min(), high = channel3.Max();
        // Channel 3 is the second tile of the second row: rows 5…7, columns 5…7.
        Assert.Equal((maps[0][3][1][2].Item<float>() - low) / (high - low), grid[6][7].Item<float>(), 6);
        Assert.Equal(ImageGrid.FeatureMaps(maps[0]).ToArray(), grid.ToArray());
    }

    [Fact]
    public void FiltersOfAGreyInputAreOneTileEach()
    {
        var weight = Tensor.FromArray(new float[] { -1, 0, 1, 2, 0, 0, 0, -2 }, 2, 1, 2, 2);
        var grid = ImageGrid.Filters(weight, padding: 0);
        Assert.Equal([2, 4], grid.Shape.ToArray());
        // Symmetric by default: the largest magnitude is 2, so −1 → 0.25, 0 → 0.5, 2 → 1, −2 → 0.
        Assert.Equal([0.25f, 0.5f, 0.5f, 0.5f, 0.75f, 1f, 0.5f, 0f], grid.ToArray());
    }

    [Fact]
    public void FiltersOfAColourInputAreColourTilesAndOthersAGridOfOutputsByInputs()
    {
        Assert.Equal([3, 2 * 4 + 1, 2 * 4 + 1], ImageGrid.Filters(Tensor.Randn([4, 3, 3, 3], new Generator(3))).Shape.ToArray());
        // 5 filters over 2 input channels: 5 rows of 2 tiles.
        Assert.Equal([5 * 4 + 1, 2 * 4 + 1], ImageGrid.Filters(Tensor.Randn([5, 2, 3, 3], new Generator(4))).Shape.ToArray());
    }

    [Fact]
    public void BadInputIsRejectedNamingTheMethod()
    {
        Assert.Contains("[T, h, w]", Assert.Throws<ArgumentException>(() => ImageGrid.Tile(Tensor.Zeros(2, 2))).Message);
        Assert.Contains("[T, 3, h, w]", Assert.Throws<ArgumentException>(() => ImageGrid.Tile(Tensor.Zeros(2, 2, 2, 2))).Message);
        Assert.Contains("maps[i]", Assert.Throws<ArgumentException>(() => ImageGrid.FeatureMaps(Tensor.Zeros(2, 3, 4, 4))).Message);
        Assert.StartsWith("ImageGrid.Filters:", Assert.Throws<ArgumentException>(() => ImageGrid.Filters(Tensor.Zeros(3, 3))).Message);
        var infinite = Assert.Throws<ArgumentException>(() => ImageGrid.Tile(Tensor.FromArray(new float[] { 0, float.PositiveInfinity }, 1, 1, 2)));
        Assert.Contains("only finite values", infinite.Message);
        Assert.Throws<ArgumentException>(() => ImageGrid.Tile(Tensor.Zeros([2, 2, 2], DType.Int64)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageGrid.Tile(Tensor.Zeros(2, 2, 2), columns: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageGrid.Tile(Tensor.Zeros(2, 2, 2), padding: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageGrid.Tile(Tensor.Zeros(2, 2, 2), padValue: 2));
    }
}
