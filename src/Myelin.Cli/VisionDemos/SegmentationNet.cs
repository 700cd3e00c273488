using Myelin.NN;

namespace Myelin.Cli.VisionDemos;

/// <summary>
/// A small U-Net: an encoder that halves the image twice (3×3 convolutions, batch normalisation, ReLU, max
/// pooling), a decoder that doubles it back with transposed convolutions, and skip connections that hand
/// each decoder step the encoder's features of the same size, so the output keeps sharp boundaries.
/// Shape: [N, 1, S, S] → [N, K, S, S] class scores for every pixel (S a multiple of 4).
/// </summary>
public sealed class SegmentationNet : Module
{
    readonly Sequential encoder1, encoder2, bottleneck, decoder2, decoder1;
    readonly ConvTranspose2d up2, up1;
    readonly Conv2d classifier;

    /// <summary>Creates the network with <paramref name="width"/> channels at full resolution (twice that below).</summary>
    /// <param name="classes">K, the number of pixel classes.</param>
    /// <param name="width">Channels of the first level.</param>
    /// <param name="generator">Draws the initial weights.</param>
    public SegmentationNet(int classes, int width, Generator generator)
    {
        Sequential Block(int inputs, int outputs) => new(
            new Conv2d(inputs, outputs, 3, padding: 1, bias: false, generator: generator), new BatchNorm2d(outputs), new ReLU());
        encoder1 = Register("encoder1", Block(1, width));                                      // [N, w, S, S]
        encoder2 = Register("encoder2", Block(width, 2 * width));                              // [N, 2w, S/2, S/2]
        bottleneck = Register("bottleneck", Block(2 * width, 2 * width));                      // [N, 2w, S/4, S/4]
        up2 = Register("up2", new ConvTranspose2d(2 * width, 2 * width, 2, stride: 2, generator: generator));
        decoder2 = Register("decoder2", Block(4 * width, 2 * width));                          // skip from encoder2
        up1 = Register("up1", new ConvTranspose2d(2 * width, width, 2, stride: 2, generator: generator));
        decoder1 = Register("decoder1", Block(2 * width, width));                              // skip from encoder1
        classifier = Register("classifier", new Conv2d(width, classes, 1, generator: generator));
    }

    /// <summary>Class scores for every pixel. Shape: [N, 1, S, S] → [N, K, S, S].</summary>
    public override Tensor Forward(Tensor input)
    {
        var level1 = encoder1.Forward(input);
        var level2 = encoder2.Forward(F.MaxPool2d(level1, 2));
        var bottom = bottleneck.Forward(F.MaxPool2d(level2, 2));
        var decoded2 = decoder2.Forward(Tensor.Cat([up2.Forward(bottom), level2], 1));
        var decoded1 = decoder1.Forward(Tensor.Cat([up1.Forward(decoded2), level1], 1));
        return RecordOutput(classifier.Forward(decoded1));
    }
}
