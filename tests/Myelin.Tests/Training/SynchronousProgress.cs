namespace Myelin.Tests.Training;

/// <summary>An IProgress that records reports on the calling thread (Progress&lt;T&gt; would post them asynchronously).</summary>
internal sealed class SynchronousProgress<T> : IProgress<T>
{
    public List<T> Reports { get; } = [];

    public void Report(T value) => Reports.Add(value);
}
