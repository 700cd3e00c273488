using Myelin.NN;

namespace Myelin.Tests.IO.Model;

/// <summary>A module with its own Forward code and no registration: descriptions cannot hold it.</summary>
internal sealed class Doubler : Module
{
    public override Tensor Forward(Tensor input) => input * 2;
}
