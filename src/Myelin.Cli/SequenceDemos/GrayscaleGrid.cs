using Myelin.Learn;

namespace Myelin.Cli.SequenceDemos;

/// <summary>Small grey-scale images (such as 8×8 digits) tiled into one enlarged PNG picture.</summary>
internal static class GrayscaleGrid
{
    /// <summary>
    /// Writes <paramref name="images"/> to a PNG file, <paramref name="columns"/> to a row, each pixel drawn as a
    /// <paramref name="scale"/> × <paramref name="scale"/> square, with a grey gap between the images. Every image
    /// holds <paramref name="imageWidth"/> × <paramref name="imageHeight"/> values in [0, 1] (0 black, 1 white), row by row.
    /// </summary>
    public static void SavePng(string path, IReadOnlyList<float[]> images, int imageWidth, int imageHeight, int columns, int scale = 8)
    {
        const int gap = 4;
        const byte gapGrey = 128;
        int rows = (images.Count + columns - 1) / columns;
        int width = columns * (imageWidth * scale + gap) + gap, height = rows * (imageHeight * scale + gap) + gap;
        var rgb = new byte[3 * width * height];
        Array.Fill(rgb, gapGrey);
        for (int i = 0; i < images.Count; i++)
        {
            int left = gap + i % columns * (imageWidth * scale + gap), top = gap + i / columns * (imageHeight * scale + gap);
            for (int y = 0; y < imageHeight * scale; y++)
                for (int x = 0; x < imageWidth * scale; x++)
                {
                    byte grey = (byte)Math.Round(Math.Clamp(images[i][y / scale * imageWidth + x / scale], 0f, 1f) * 255);
                    int offset = 3 * ((top + y) * width + left + x);
                    rgb[offset] = rgb[offset + 1] = rgb[offset + 2] = grey;
                }
        }
        PngWriter.Save(path, width, height, rgb);
    }
}
