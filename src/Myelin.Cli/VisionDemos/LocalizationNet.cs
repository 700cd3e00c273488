using Myelin.NN;

namespace Myelin.Cli.VisionDemos;

/// <summary>
/// A CNN with two heads on one trunk: the class of the object, from features averaged over the whole image
/// (it does not matter where the object is), and its box, from the features at every position (it does).
/// Shape: [N, 1, S, S] → [N, K + 4]: K class logits, then the box (x0, y0, x1, y1) as fractions of the image
/// size, what <see cref="Vision.LocalizationLoss"/> takes (S a multiple of 4).
/// </summary>
public sealed class LocalizationNet : Module
{
    readonly Sequential trunk, classHead, boxHead;

    /// <summary>Creates the network.</summary>
    /// <param name="classes">K, the number of object classes.</param>
    /// <param name="imageSize">S, the images' height and width.</param>
    /// <param name="generator">Draws the initial weights.</param>
    public LocalizationNet(int classes, int imageSize, Generator generator)
    {
        Sequential Block(int inputs, int outputs) => new(
            new Conv2d(inputs, outputs, 3, padding: 1, bias: false, generator: generator), new BatchNorm2d(outputs), new ReLU());
        int cells = imageSize / 4 * (imageSize / 4);
        trunk = Register("trunk", new Sequential(
            Block(1, 16), new MaxPool2d(2),             // [N, 16, S/2, S/2]
            Block(16, 32), new MaxPool2d(2),            // [N, 32, S/4, S/4]
            Block(32, 32)));
        classHead = Register("class_head", new Sequential(new AdaptiveAvgPool2d(1), new Flatten(), new Linear(32, classes, generator: generator)));
        boxHead = Register("box_head", new Sequential(
            new Flatten(), new Linear(32 * cells, 64, generator: generator), new ReLU(), new Linear(64, 4, generator: generator)));
    }

    /// <summary>Class logits and box. Shape: [N, 1, S, S] → [N, K + 4].</summary>
    public override Tensor Forward(Tensor input)
    {
        var features = trunk.Forward(input);
        return RecordOutput(Tensor.Cat([classHead.Forward(features), boxHead.Forward(features)], 1));
    }
}
