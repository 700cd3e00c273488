using Myelin.NN;
using Myelin.Vision;

namespace Myelin.Cli.VisionDemos;

/// <summary>Small image helpers for the demos' pictures: colouring class masks and drawing boxes.</summary>
internal static class DemoImages
{
    /// <summary>Colours of the segmentation classes: background dark grey, circle red, square green, triangle blue.</summary>
    static readonly float[][] ClassColours =
    [
        [0.15f, 0.15f, 0.15f],
        [0.90f, 0.25f, 0.20f],
        [0.25f, 0.75f, 0.30f],
        [0.25f, 0.45f, 0.95f],
    ];

    /// <summary>A grey image as colour, clamped to [0, 1]. Shape: [1, H, W] or [H, W] → [3, H, W].</summary>
    public static Tensor GreyToRgb(Tensor grey)
    {
        int h = grey.Shape[^2], w = grey.Shape[^1];
        return grey.Reshape(1, h, w).Clamp(0, 1).Expand(3, h, w).Contiguous();
    }

    /// <summary>Each pixel in its class's colour. Shape: [H, W] class indices → [3, H, W].</summary>
    public static Tensor ColourMask(Tensor mask)
    {
        int h = mask.Shape[0], w = mask.Shape[1];
        var classes = mask.ToArray<long>();
        var rgb = new float[3 * h * w];
        for (int i = 0; i < classes.Length; i++)
            for (int c = 0; c < 3; c++)
                rgb[c * h * w + i] = ClassColours[classes[i] % ClassColours.Length][c];
        return Tensor.FromArray(rgb, 3, h, w);
    }

    /// <summary>
    /// A grey image enlarged <paramref name="scale"/> times with box outlines drawn on it, one colour per box.
    /// Shape: [1, S, S] → [3, S·scale, S·scale]; boxes (x0, y0, x1, y1) as fractions of the image size.
    /// </summary>
    public static Tensor WithBoxes(Tensor grey, int scale, params (float[] Box, float[] Colour)[] boxes)
    {
        var rgb = GreyToRgb(grey);
        int h = rgb.Shape[1] * scale, w = rgb.Shape[2] * scale;
        var pixels = F.Interpolate(rgb.Unsqueeze(0), scaleFactor: scale).Reshape(3, h, w).ToArray();
        foreach (var (box, colour) in boxes)
        {
            int x0 = Edge(box[0], w), y0 = Edge(box[1], h), x1 = Edge(box[2], w) - 1, y1 = Edge(box[3], h) - 1;
            for (int x = Math.Max(x0, 0); x <= Math.Min(x1, w - 1); x++)
            {
                Set(pixels, y0, x, h, w, colour);
                Set(pixels, y1, x, h, w, colour);
            }
            for (int y = Math.Max(y0, 0); y <= Math.Min(y1, h - 1); y++)
            {
                Set(pixels, y, x0, h, w, colour);
                Set(pixels, y, x1, h, w, colour);
            }
        }
        return Tensor.FromArray(pixels, 3, h, w);
    }

    /// <summary>Writes <paramref name="image"/> as PNG into <paramref name="directory"/> and returns the file's path.</summary>
    public static string Save(Tensor image, string directory, string fileName, int scale)
    {
        string path = Path.Combine(directory, fileName);
        ImageWriter.SavePng(image, path, scale);
        return path;
    }

    static int Edge(float fraction, int size) => (int)Math.Round(Math.Clamp(fraction, 0f, 1f) * size);

    static void Set(float[] pixels, int y, int x, int h, int w, float[] colour)
    {
        if (y < 0 || y >= h || x < 0 || x >= w) return;
        for (int c = 0; c < 3; c++) pixels[(c * h + y) * w + x] = colour[c];
    }
}
