namespace Myelin;

/// <summary>
/// Switches for the autograd engine: whether operations record a graph, and gradients of
/// arbitrary outputs with respect to arbitrary inputs.
/// </summary>
public static partial class Autograd
{
    [ThreadStatic] static bool gradDisabled;

    /// <summary>True when operations on tensors that require gradients record a graph (the default).</summary>
    public static bool IsGradEnabled => !gradDisabled;

    /// <summary>
    /// A scope in which no graph is recorded: results never require gradients. Use it for
    /// inference and for updating parameters. <c>using (Autograd.NoGrad()) { … }</c>
    /// </summary>
    public static IDisposable NoGrad() => new GradModeScope(enabled: false);

    /// <summary>A scope that turns graph recording back on, e.g. inside a <see cref="NoGrad"/> block.</summary>
    public static IDisposable EnableGrad() => new GradModeScope(enabled: true);

    sealed class GradModeScope : IDisposable
    {
        readonly bool previousDisabled;
        bool disposed;

        public GradModeScope(bool enabled)
        {
            previousDisabled = gradDisabled;
            gradDisabled = !enabled;
        }

        public void Dispose()
        {
            if (disposed) return;
            disposed = true;
            gradDisabled = previousDisabled;
        }
    }
}
