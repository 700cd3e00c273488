using System.Globalization;
using System.Text;

namespace Myelin.Vision;

/// <summary>
/// Writes an image as SVG: one square per pixel (runs of equal pixels along a row merged into one rectangle),
/// drawn with crisp edges so that it stays sharp at any zoom. Meant for the small images of feature maps and
/// filters; a photograph would make a large file.
/// </summary>
internal static class SvgEncoder
{
    /// <summary>
    /// The SVG document for <paramref name="pixels"/>, displayed <paramref name="scale"/> times larger (the
    /// drawing keeps one unit per pixel; only its displayed size changes).
    /// </summary>
    public static string Encode(ImagePixels pixels, int scale)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{pixels.Width * scale}\" height=\"{pixels.Height * scale}\" viewBox=\"0 0 {pixels.Width} {pixels.Height}\" shape-rendering=\"crispEdges\">\n");
        int channels = pixels.Channels;
        for (int y = 0; y < pixels.Height; y++)
        {
            int x = 0;
            while (x < pixels.Width)
            {
                int run = 1;
                while (x + run < pixels.Width && SamePixel(pixels, y, x, x + run)) run++;
                int at = (y * pixels.Width + x) * channels;
                byte r = pixels.Samples[at], g = channels == 3 ? pixels.Samples[at + 1] : r, b = channels == 3 ? pixels.Samples[at + 2] : r;
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{y}\" width=\"{run}\" height=\"1\" fill=\"#{r:x2}{g:x2}{b:x2}\"/>\n");
                x += run;
            }
        }
        return svg.Append("</svg>\n").ToString();
    }

    static bool SamePixel(ImagePixels pixels, int y, int x1, int x2)
    {
        int a = (y * pixels.Width + x1) * pixels.Channels, b = (y * pixels.Width + x2) * pixels.Channels;
        for (int c = 0; c < pixels.Channels; c++)
            if (pixels.Samples[a + c] != pixels.Samples[b + c]) return false;
        return true;
    }
}
