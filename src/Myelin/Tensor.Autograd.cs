namespace Myelin;

public sealed partial class Tensor
{
    /// <summary>Backpropagates from this scalar tensor (implemented by the autograd engine).</summary>
    public void Backward() => throw new NotImplementedException();
}
