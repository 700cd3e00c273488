namespace Myelin;

/// <summary>A recorded operation in the autograd graph (filled in by the engine).</summary>
internal sealed class Node
{
}
