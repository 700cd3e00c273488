using System.Text.Json;
using Myelin.Data;

namespace Myelin.Tests.Data;

public class LoaderTests
{
    static JsonElement Fixture() => FixtureReader.Load("Data", "loader.json");

    static int[][] Shapes(JsonElement shapes) =>
        shapes.EnumerateArray().Select(s => s.EnumerateArray().Select(d => d.GetInt32()).ToArray()).ToArray();

    [Fact]
    public void BatchShapesAndCountsMatchPyTorch()
    {
        var fixture = Fixture();
        int samples = fixture.GetProperty("samples").GetInt32();
        foreach (var item in fixture.GetProperty("batches").EnumerateArray())
        {
            int batchSize = item.GetProperty("batch_size").GetInt32();
            bool dropLast = item.GetProperty("drop_last").GetBoolean();
            var inputShapes = Shapes(item.GetProperty("input_shapes"));
            var targetShapes = Shapes(item.GetProperty("target_shapes"));

            // The batched path (TensorDataset) and the per-sample path (stacking) give the same shapes.
            IDataset[] datasets = [LoaderTestData.Numbered(samples), new PerSampleDataset(samples)];
            foreach (var dataset in datasets)
            {
                var loader = new DataLoader(dataset, batchSize, dropLast: dropLast);
                var batches = loader.ToList();
                Assert.Equal(inputShapes.Length, loader.Count);
                Assert.Equal(inputShapes.Length, batches.Count);
                for (int b = 0; b < batches.Count; b++)
                {
                    Assert.Equal(inputShapes[b][0], batches[b].Input.Shape[0]);
                    Assert.Equal(targetShapes[b], batches[b].Target.Shape.ToArray());
                }
            }
            var numbered = new DataLoader(LoaderTestData.Numbered(samples), batchSize, dropLast: dropLast).ToList();
            Assert.Equal(inputShapes, numbered.Select(b => b.Input.Shape.ToArray()).ToArray());
            if (numbered.Count > 0)
                Assert.Equal(item.GetProperty("first_targets").EnumerateArray().Select(v => v.GetInt64()), numbered[0].Target.ToArray<long>());
        }
    }

    [Fact]
    public void CountRoundsUpOrDownWithDropLast()
    {
        var data = LoaderTestData.Numbered(10);
        Assert.Equal(4, new DataLoader(data, batchSize: 3).Count);
        Assert.Equal(3, new DataLoader(data, batchSize: 3, dropLast: true).Count);
        var tooFew = new DataLoader(data, batchSize: 11, dropLast: true);
        int batchesOfEleven = tooFew.Count;
        Assert.Equal(0, batchesOfEleven);
        Assert.Empty(tooFew);
        Assert.Equal([9L], new DataLoader(data, batchSize: 3).Last().Target.ToArray<long>());
    }

    [Fact]
    public void WithoutShuffleBatchesFollowIndexOrderAndKeepRowsWithTheirTargets()
    {
        var batches = new DataLoader(LoaderTestData.Numbered(7), batchSize: 3).ToList();
        Assert.Equal([[0L, 1, 2], [3L, 4, 5], [6L]], batches.Select(b => b.Target.ToArray<long>()).ToList());
        Assert.Equal([9f, 10, 11, 12, 13, 14, 15, 16, 17], batches[1].Input.ToArray());
        Assert.Equal(DType.Float32, batches[0].Input.DType);
        Assert.Equal(DType.Int64, batches[0].Target.DType);
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 0)]
    [InlineData(false, 2)]
    [InlineData(true, 3)]
    public void EverySampleIsSeenExactlyOncePerEpoch(bool perSample, int prefetch)
    {
        IDataset data = perSample ? new PerSampleDataset(23) : LoaderTestData.Numbered(23);
        var loader = new DataLoader(data, batchSize: 5, shuffle: true, seed: 3, prefetch: prefetch);
        for (int epoch = 0; epoch < 3; epoch++)
        {
            var seen = new List<long>();
            foreach (var (x, y) in loader)
            {
                long[] targets = y.ToArray<long>();
                float[] inputs = x.ToArray();
                int width = x.Shape[1];
                for (int i = 0; i < targets.Length; i++)
                    Assert.Equal(perSample ? targets[i] : 3 * targets[i], inputs[i * width]); // the row travels with its target
                seen.AddRange(targets);
            }
            Assert.Equal(Enumerable.Range(0, 23).Select(i => (long)i), seen.Order());
        }
    }

    [Fact]
    public void ShuffleDiffersBetweenEpochsAndIsReproducibleBySeed()
    {
        static List<long> Epoch(IEnumerator<(Tensor Input, Tensor Target)> e)
        {
            var order = new List<long>();
            using (e) while (e.MoveNext()) order.AddRange(e.Current.Target.ToArray<long>());
            return order;
        }
        var data = LoaderTestData.Numbered(40);
        var first = new DataLoader(data, batchSize: 8, shuffle: true, seed: 11);
        var second = new DataLoader(data, batchSize: 8, shuffle: true, seed: 11);
        var fromGenerator = new DataLoader(data, batchSize: 8, shuffle: true, generator: new Generator(11));
        var otherSeed = new DataLoader(data, batchSize: 8, shuffle: true, seed: 12);

        var epoch1 = Epoch(first.GetEnumerator());
        var epoch2 = Epoch(first.GetEnumerator());
        Assert.NotEqual(epoch1, epoch2);
        Assert.NotEqual(Enumerable.Range(0, 40).Select(i => (long)i), epoch1);
        Assert.Equal(epoch1, Epoch(second.GetEnumerator()));
        Assert.Equal(epoch2, Epoch(second.GetEnumerator()));
        Assert.Equal(epoch1, Epoch(fromGenerator.GetEnumerator()));
        Assert.NotEqual(epoch1, Epoch(otherSeed.GetEnumerator()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PrefetchGivesTheSameBatchesAsLoadingInline(bool perSample)
    {
        IDataset data = perSample ? new PerSampleDataset(50) : LoaderTestData.Numbered(50);
        var inline = new DataLoader(data, batchSize: 6, shuffle: true, seed: 21);
        var prefetched = new DataLoader(data, batchSize: 6, shuffle: true, seed: 21, prefetch: 2);
        for (int epoch = 0; epoch < 2; epoch++)
        {
            var expected = inline.ToList();
            var actual = prefetched.ToList();
            Assert.Equal(expected.Count, actual.Count);
            for (int b = 0; b < expected.Count; b++)
            {
                Assert.Equal(expected[b].Input.Shape.ToArray(), actual[b].Input.Shape.ToArray());
                Assert.Equal(expected[b].Input.ToArray(), actual[b].Input.ToArray());
                Assert.Equal(expected[b].Target.ToArray<long>(), actual[b].Target.ToArray<long>());
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    public void ADatasetErrorSurfacesAfterTheBatchesBeforeIt(int prefetch)
    {
        var loader = new DataLoader(new PerSampleDataset(20, failAt: 13), batchSize: 4, prefetch: prefetch);
        var received = new List<long[]>();
        var error = Assert.Throws<InvalidDataException>(() =>
        {
            foreach (var (_, y) in loader) received.Add(y.ToArray<long>());
        });
        Assert.Equal("sample 13 is corrupt", error.Message);
        Assert.Equal(3, received.Count); // batches 0 … 2 (samples 0 … 11) came before the failing one
        Assert.Equal([8L, 9, 10, 11], received[2]);
    }

    [Fact]
    public void AbandonedPrefetchStopsTheWorker()
    {
        var data = new PerSampleDataset(1000);
        var loader = new DataLoader(data, batchSize: 1, prefetch: 2);
        foreach (var (_, y) in loader)
        {
            Assert.Equal(0L, y.ToArray<long>()[0]);
            break; // foreach disposes the enumerator, which stops and waits for the worker
        }
        int readsAfterBreak = data.Reads;
        // At most: the batch taken, two queued and one waiting to be queued.
        Assert.InRange(readsAfterBreak, 1, 4);

        using (var unused = loader.GetEnumerator()) { } // never started: nothing is read
        Assert.Equal(readsAfterBreak, data.Reads);

        var e = loader.GetEnumerator();
        Assert.True(e.MoveNext());
        e.Dispose();
        Assert.Throws<ObjectDisposedException>(() => e.MoveNext());
    }

    [Fact]
    public void ACustomCollateBuildsEachBatch()
    {
        var sizes = new List<int>();
        (Tensor Input, Tensor Target) SumRows(IReadOnlyList<(Tensor Input, Tensor Target)> samples)
        {
            sizes.Add(samples.Count);
            var inputs = samples.Select(s => s.Input).ToArray();
            var targets = samples.Select(s => s.Target).ToArray();
            return (Tensor.Stack(inputs).Sum(0), Tensor.Stack(targets));
        }

        // Given a TensorDataset, the custom collate still sees the samples one by one.
        var loader = new DataLoader(LoaderTestData.Numbered(5), batchSize: 2, collate: SumRows);
        var batches = loader.ToList();
        Assert.Equal([2, 2, 1], sizes);
        Assert.Equal([3f, 5, 7], batches[0].Input.ToArray()); // rows (0, 1, 2) + (3, 4, 5)
        Assert.Equal([3], batches[0].Input.Shape.ToArray());
        Assert.Equal([12f, 13, 14], batches[2].Input.ToArray());

        var prefetched = new DataLoader(LoaderTestData.Numbered(5), batchSize: 2, collate: SumRows, prefetch: 1).ToList();
        Assert.Equal(batches[1].Input.ToArray(), prefetched[1].Input.ToArray());
    }

    [Fact]
    public void ACollateReturningNullIsReported()
    {
        var loader = new DataLoader(LoaderTestData.Numbered(3), collate: _ => (null!, null!));
        var error = Assert.Throws<InvalidOperationException>(() => loader.First());
        Assert.Contains("collate", error.Message);
    }

    [Fact]
    public void AnEmptyDatasetHasNoBatches()
    {
        var data = new TensorDataset(Tensor.Zeros(0, 3), Tensor.Zeros([0], DType.Int64));
        var loader = new DataLoader(data, batchSize: 4, shuffle: true, seed: 1, prefetch: 1);
        int batches = loader.Count;
        Assert.Equal(0, batches);
        Assert.Empty(loader);
    }

    [Fact]
    public void LabeledDataFeedsALoader()
    {
        var iris = Datasets.Iris();
        var loader = new DataLoader(iris.ToDataset(), batchSize: 32, shuffle: true, seed: 1);
        Assert.Equal(5, loader.Count);
        var (x, y) = loader.First();
        Assert.Equal([32, 4], x.Shape.ToArray());
        Assert.Equal([32], y.Shape.ToArray());
        Assert.Equal(150, loader.Sum(b => b.Target.Shape[0]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void BatchSizeBelowOneIsRejected(int batchSize)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new DataLoader(LoaderTestData.Numbered(3), batchSize));
        Assert.Contains($"DataLoader: batchSize must be at least 1, got {batchSize}", error.Message);
        Assert.Equal("batchSize", error.ParamName);
    }

    [Fact]
    public void BadLoaderArgumentsAreRejected()
    {
        var data = LoaderTestData.Numbered(3);
        var prefetch = Assert.Throws<ArgumentOutOfRangeException>(() => new DataLoader(data, prefetch: -1));
        Assert.Contains("prefetch", prefetch.Message);
        var both = Assert.Throws<ArgumentException>(() => new DataLoader(data, shuffle: true, seed: 1, generator: new Generator(1)));
        Assert.Contains("either a seed or a generator", both.Message);
        Assert.Throws<ArgumentNullException>(() => new DataLoader(null!));
    }

    [Fact]
    public void DefaultCollateNamesTheSampleWithAnOddShape()
    {
        var samples = new List<(Tensor, Tensor)>
        {
            (Tensor.Zeros(3), Tensor.Scalar(0, DType.Int64)),
            (Tensor.Zeros(3), Tensor.Scalar(1, DType.Int64)),
            (Tensor.Zeros(4), Tensor.Scalar(2, DType.Int64)),
        };
        var error = Assert.Throws<ArgumentException>(() => Collate.Stack(samples));
        Assert.Contains("sample 2 of the batch has input shape [4], but sample 0 has [3]", error.Message);
        Assert.Throws<ArgumentException>(() => Collate.Stack([]));

        var (x, y) = Collate.Stack(samples.Take(2).ToList());
        Assert.Equal([2, 3], x.Shape.ToArray());
        Assert.Equal([0L, 1], y.ToArray<long>());
    }
}
