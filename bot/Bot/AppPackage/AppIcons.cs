namespace Bot.AppPackage;

/// <summary>
/// The two icons Teams requires, painted from one design: a speech bubble with a check mark, for "posts reviewed and
/// approved in the chat". The design is drawn on a 32-unit grid; each pixel's value is the share of 8×8 sample points
/// inside the shape, which gives smooth edges from plain arithmetic, so the same code always paints the same pixels.
/// </summary>
internal static class AppIcons
{
    public const int ColorSize = 192;
    public const int OutlineSize = 32;

    private const int SamplesPerAxis = 8;
    private const double DesignGrid = 32;

    /// <summary>
    /// Full bleed in the accent colour (Teams shows the colour icon on tiles and in the store, and crops it to a rounded
    /// shape); the white bubble keeps to the middle half so nothing important is cropped.
    /// </summary>
    public static RgbaImage Color(Rgba accent)
    {
        const double symbolSize = ColorSize / 2.0;
        const double scale = symbolSize / DesignGrid;
        const double margin = (ColorSize - symbolSize) / 2;

        var image = new RgbaImage(ColorSize, ColorSize);
        for (var y = 0; y < ColorSize; y++)
        {
            for (var x = 0; x < ColorSize; x++)
            {
                var white = Coverage(x, y, margin, scale);
                image[x, y] = new(Blend(accent.R, 255, white), Blend(accent.G, 255, white), Blend(accent.B, 255, white), 255);
            }
        }

        return image;
    }

    /// <summary>
    /// White on transparent, as Teams requires: it tints the outline icon itself (app bar, activity feed). Transparent
    /// pixels are white too, with alpha 0, so no tool that ignores alpha sees any colour but white.
    /// </summary>
    public static RgbaImage Outline()
    {
        const double scale = OutlineSize / DesignGrid;

        var image = new RgbaImage(OutlineSize, OutlineSize);
        for (var y = 0; y < OutlineSize; y++)
        {
            for (var x = 0; x < OutlineSize; x++)
            {
                image[x, y] = Rgba.White with { A = Blend(0, 255, Coverage(x, y, 0, scale)) };
            }
        }

        return image;
    }

    private static byte Blend(byte from, byte to, double share) => (byte)Math.Round(from + ((to - from) * share), MidpointRounding.AwayFromZero);

    private static double Coverage(int pixelX, int pixelY, double margin, double scale)
    {
        var inside = 0;
        for (var sy = 0; sy < SamplesPerAxis; sy++)
        {
            for (var sx = 0; sx < SamplesPerAxis; sx++)
            {
                var x = (pixelX + ((sx + 0.5) / SamplesPerAxis) - margin) / scale;
                var y = (pixelY + ((sy + 0.5) / SamplesPerAxis) - margin) / scale;
                if (InSymbol(x, y))
                {
                    inside++;
                }
            }
        }

        return inside / (double)(SamplesPerAxis * SamplesPerAxis);
    }

    /// <summary>The bubble with the check mark cut out of it, in design units.</summary>
    private static bool InSymbol(double x, double y)
    {
        var inBubble = InRoundedRectangle(x, y, left: 3, top: 4, right: 29, bottom: 24, radius: 5)
            || InTriangle(x, y, (8, 21), (15, 21), (6, 29));
        var inCheck = NearSegment(x, y, (9.5, 14.5), (13.5, 18.5), 1.9) || NearSegment(x, y, (13.5, 18.5), (22.5, 9.5), 1.9);
        return inBubble && !inCheck;
    }

    private static bool InRoundedRectangle(double x, double y, double left, double top, double right, double bottom, double radius)
    {
        var dx = Math.Max(Math.Max(left + radius - x, x - (right - radius)), 0);
        var dy = Math.Max(Math.Max(top + radius - y, y - (bottom - radius)), 0);
        return x >= left && x <= right && y >= top && y <= bottom && (dx * dx) + (dy * dy) <= radius * radius;
    }

    private static bool InTriangle(double x, double y, (double X, double Y) a, (double X, double Y) b, (double X, double Y) c)
    {
        static double Side(double x, double y, (double X, double Y) from, (double X, double Y) to) =>
            ((to.X - from.X) * (y - from.Y)) - ((to.Y - from.Y) * (x - from.X));

        var ab = Side(x, y, a, b);
        var bc = Side(x, y, b, c);
        var ca = Side(x, y, c, a);
        return (ab >= 0 && bc >= 0 && ca >= 0) || (ab <= 0 && bc <= 0 && ca <= 0);
    }

    private static bool NearSegment(double x, double y, (double X, double Y) from, (double X, double Y) to, double halfWidth)
    {
        var segmentX = to.X - from.X;
        var segmentY = to.Y - from.Y;
        var along = Math.Clamp((((x - from.X) * segmentX) + ((y - from.Y) * segmentY)) / ((segmentX * segmentX) + (segmentY * segmentY)), 0, 1);
        var distanceX = x - (from.X + (along * segmentX));
        var distanceY = y - (from.Y + (along * segmentY));
        return (distanceX * distanceX) + (distanceY * distanceY) <= halfWidth * halfWidth;
    }
}
