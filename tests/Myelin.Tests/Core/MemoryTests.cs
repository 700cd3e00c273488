namespace Myelin.Tests.Core;

/// <summary>Runs alone: other tests allocating in parallel would blur the heap measurement.</summary>
[CollectionDefinition(nameof(MemoryTests), DisableParallelization = true)]
public sealed class MemoryTestsCollection;

[Collection(nameof(MemoryTests))]
public class MemoryTests
{
    [Fact]
    public void TenThousandTrainingStepsKeepMemoryFlat()
    {
        var g = new Generator(1);
        var w1 = Tensor.Randn([8, 16], g).RequireGrad();
        var w2 = Tensor.Randn([16, 1], g).RequireGrad();
        var x = Tensor.Randn([4, 8], g);
        var y = Tensor.Randn([4, 1], g);

        void Step()
        {
            var loss = (x.MatMul(w1).Tanh().MatMul(w2) - y).Square().Mean();
            loss.Backward();
            using (Autograd.NoGrad())
            {
                w1.AddInPlace(w1.Grad!, -1e-3);
                w2.AddInPlace(w2.Grad!, -1e-3);
            }
            w1.Grad = null;
            w2.Grad = null;
        }

        for (int i = 0; i < 1000; i++) Step();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long before = GC.GetTotalMemory(forceFullCollection: true);
        for (int i = 0; i < 10_000; i++) Step();
        long after = GC.GetTotalMemory(forceFullCollection: true);
        // Each step allocates tens of kilobytes; any retained graph would grow by hundreds of megabytes.
        Assert.True(after - before < 2_000_000, $"memory grew by {(after - before) / 1024} KiB over 10,000 steps");
    }
}
