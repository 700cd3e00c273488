namespace Myelin.Tests.Conv;

/// <summary>
/// Activations of a whole batch of feature maps are long enough to be shared among threads: the results must
/// be the elementwise definitions, whatever the thread count.
/// </summary>
public class LargeActivationTests
{
    const int Elements = 8 * 16 * 32 * 32;

    static Tensor FeatureMaps(int seed) => Tensor.Randn([8, 16, 32, 32], new Generator((ulong)seed));

    [Fact]
    public void ReLUAndItsGradientAreElementwiseForEveryThreadCount()
    {
        var x = FeatureMaps(1);
        var upstream = FeatureMaps(2);
        var xs = x.ToArray<float>();
        var gs = upstream.ToArray<float>();
        int saved = Threading.MaxThreads;
        try
        {
            foreach (int threads in new[] { 1, 2, 3 })
            {
                Threading.MaxThreads = threads;
                var input = x.Clone().RequireGrad();
                var y = input.ReLU();
                y.Backward(upstream);
                var ys = y.ToArray<float>();
                var dx = input.Grad!.ToArray<float>();
                Assert.Equal(Elements, ys.Length);
                for (int i = 0; i < Elements; i++)
                {
                    Assert.Equal(Math.Max(xs[i], 0f), ys[i]);
                    Assert.Equal(xs[i] > 0 ? gs[i] : 0f, dx[i]);
                }
            }
        }
        finally
        {
            Threading.MaxThreads = saved;
        }
    }

    [Fact]
    public void TanhOfALongTensorMatchesTheShortOne()
    {
        // The same values through the long (shared) path and one short tensor at a time.
        var x = FeatureMaps(3);
        var whole = x.Tanh().ToArray<float>();
        var pieces = x.Reshape(8, -1).Chunk(8, 0).SelectMany(piece => piece.Narrow(1, 0, 1000).Tanh().ToArray<float>()).ToArray();
        for (int row = 0; row < 8; row++)
            for (int i = 0; i < 1000; i++)
                Assert.Equal(pieces[row * 1000 + i], whole[row * (Elements / 8) + i]);
    }
}
