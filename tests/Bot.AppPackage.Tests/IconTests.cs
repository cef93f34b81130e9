using System.Text.Json.Nodes;

namespace Bot.AppPackage.Tests;

public sealed class IconTests
{
    private const string Regenerate =
        "Regenerate them from the painter: dotnet run --project bot/Bot -- package --app-id 6f1c2a3b-4d5e-4f60-8a71-92b3c4d5e6f7 " +
        "--domain bot.contoso.com --out /tmp/app.zip && unzip -o /tmp/app.zip color.png outline.png -d manifest";

    public static TheoryData<string> ColorIcons => new() { "committed", "packaged" };

    [Theory]
    [MemberData(nameof(ColorIcons))]
    public void Color_icon_is_192_pixels_square_opaque_and_full_bleed_in_the_accent_colour(string which)
    {
        var icon = PngReader.Read(which == "committed" ? File.ReadAllBytes(RepositoryFiles.Path("manifest", "color.png")) : TestPackage.Build().File("color.png"));
        var accent = AccentColor();

        Assert.Equal((192, 192), (icon.Width, icon.Height));
        Assert.All(icon.Pixels(), pixel => Assert.Equal(255, pixel.A));
        Assert.All(new[] { icon[0, 0], icon[191, 0], icon[0, 191], icon[191, 191] }, corner => Assert.Equal(accent, (corner.R, corner.G, corner.B)));
        Assert.Contains((byte.MaxValue, byte.MaxValue, byte.MaxValue, byte.MaxValue), icon.Pixels());
    }

    [Theory]
    [MemberData(nameof(ColorIcons))]
    public void Outline_icon_is_32_pixels_square_white_on_transparent(string which)
    {
        var icon = PngReader.Read(which == "committed" ? File.ReadAllBytes(RepositoryFiles.Path("manifest", "outline.png")) : TestPackage.Build().File("outline.png"));

        Assert.Equal((32, 32), (icon.Width, icon.Height));
        Assert.True(icon.HasAlphaChannel);
        Assert.All(icon.Pixels(), pixel => Assert.True(pixel.A == 0 || (pixel.R, pixel.G, pixel.B) == (255, 255, 255), $"{pixel} is neither white nor fully transparent."));
        Assert.Contains(icon.Pixels(), pixel => pixel.A == 0);
        Assert.Contains(icon.Pixels(), pixel => pixel.A == 255);
        Assert.True(icon[0, 0].A == 0 && icon[31, 0].A == 0 && icon[31, 31].A == 0, "The outline icon's corners must be transparent.");
    }

    /// <summary>
    /// Pixel for pixel rather than byte for byte: the bytes also depend on the runtime's zlib, which may compress a
    /// little differently after an update without changing a single pixel.
    /// </summary>
    [Fact]
    public void Committed_icons_are_what_the_icon_painter_paints()
    {
        var committedColor = PngReader.Read(File.ReadAllBytes(RepositoryFiles.Path("manifest", "color.png")));
        var committedOutline = PngReader.Read(File.ReadAllBytes(RepositoryFiles.Path("manifest", "outline.png")));
        var accent = AccentColor();

        var paintedColor = AppIcons.Color(new Rgba(accent.R, accent.G, accent.B, 255));
        var paintedOutline = AppIcons.Outline();

        Assert.True(committedColor.Rgba.AsSpan().SequenceEqual(paintedColor.Pixels), "manifest/color.png is not what AppIcons paints. " + Regenerate);
        Assert.True(committedOutline.Rgba.AsSpan().SequenceEqual(paintedOutline.Pixels), "manifest/outline.png is not what AppIcons paints. " + Regenerate);
    }

    [Fact]
    public void Png_writer_output_reads_back_pixel_for_pixel_with_valid_checksums()
    {
        var image = new RgbaImage(7, 5);
        for (var y = 0; y < 5; y++)
        {
            for (var x = 0; x < 7; x++)
            {
                image[x, y] = new((byte)(x * 36), (byte)(y * 60), (byte)((x + y) * 20), (byte)(255 - (x * y * 10)));
            }
        }

        var png = Png.Encode(image);
        var read = PngReader.Read(png);

        Assert.Equal(["IHDR", "IDAT", "IEND"], read.Chunks);
        Assert.True(read.HasAlphaChannel);
        Assert.Equal(image.Pixels, read.Rgba);
        // The IEND chunk's CRC is the same in every PNG: a fixed point the writer's CRC must hit.
        Assert.Equal([0xAE, 0x42, 0x60, 0x82], png[^4..]);
    }

    [Fact]
    public void Png_writer_leaves_out_the_alpha_channel_when_every_pixel_is_opaque()
    {
        var image = new RgbaImage(2, 2);
        image[0, 0] = new(1, 2, 3, 255);
        image[1, 0] = new(4, 5, 6, 255);
        image[0, 1] = new(7, 8, 9, 255);
        image[1, 1] = new(10, 11, 12, 255);

        var read = PngReader.Read(Png.Encode(image));

        Assert.False(read.HasAlphaChannel);
        Assert.Equal(image.Pixels, read.Rgba);
    }

    private static (byte R, byte G, byte B) AccentColor()
    {
        var hex = JsonNode.Parse(File.ReadAllText(RepositoryFiles.Path("manifest", "manifest.json")))!["accentColor"]!.GetValue<string>();
        var value = Convert.FromHexString(hex[1..]);
        return (value[0], value[1], value[2]);
    }
}
