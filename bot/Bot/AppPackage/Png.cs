using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Bot.AppPackage;

internal readonly record struct Rgba(byte R, byte G, byte B, byte A)
{
    public static Rgba White { get; } = new(255, 255, 255, 255);

    /// <summary>Reads an HTML colour in the manifest's <c>#RRGGBB</c> form.</summary>
    public static Rgba FromHex(string hex)
    {
        if (hex is not ['#', _, _, _, _, _, _] || !int.TryParse(hex.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException($"'{hex}' is not a colour of the form #RRGGBB.");
        }

        return new((byte)(value >> 16), (byte)(value >> 8), (byte)value, 255);
    }
}

/// <summary>An 8-bit RGBA image, rows from the top.</summary>
internal sealed class RgbaImage(int width, int height)
{
    public int Width { get; } = width;
    public int Height { get; } = height;
    public byte[] Pixels { get; } = new byte[width * height * 4];

    public Rgba this[int x, int y]
    {
        get
        {
            var offset = ((y * Width) + x) * 4;
            return new(Pixels[offset], Pixels[offset + 1], Pixels[offset + 2], Pixels[offset + 3]);
        }
        set
        {
            var offset = ((y * Width) + x) * 4;
            Pixels[offset] = value.R;
            Pixels[offset + 1] = value.G;
            Pixels[offset + 2] = value.B;
            Pixels[offset + 3] = value.A;
        }
    }
}

/// <summary>
/// Just enough PNG to write the app icons without an image library: 8-bit truecolour, with an alpha channel only when
/// some pixel needs it, no interlacing, every row unfiltered.
/// </summary>
internal static class Png
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly uint[] CrcTable = CreateCrcTable();

    public static byte[] Encode(RgbaImage image)
    {
        var opaque = true;
        for (var i = 3; i < image.Pixels.Length && opaque; i += 4)
        {
            opaque = image.Pixels[i] == 255;
        }

        var channels = opaque ? 3 : 4;
        var rowLength = 1 + (image.Width * channels);
        var scanlines = new byte[rowLength * image.Height];
        for (var y = 0; y < image.Height; y++)
        {
            var row = y * rowLength;
            scanlines[row] = 0;
            for (var x = 0; x < image.Width; x++)
            {
                var pixel = image[x, y];
                var offset = row + 1 + (x * channels);
                scanlines[offset] = pixel.R;
                scanlines[offset + 1] = pixel.G;
                scanlines[offset + 2] = pixel.B;
                if (!opaque)
                {
                    scanlines[offset + 3] = pixel.A;
                }
            }
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, image.Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), image.Height);
        header[8] = 8;
        header[9] = (byte)(opaque ? 2 : 6);

        using var png = new MemoryStream();
        png.Write(Signature);
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", Compress(scanlines));
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static byte[] Compress(byte[] data)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return compressed.ToArray();
    }

    private static void WriteChunk(Stream png, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(buffer, data.Length);
        png.Write(buffer);

        var typeBytes = Encoding.ASCII.GetBytes(type);
        png.Write(typeBytes);
        png.Write(data);

        var crc = Crc32(Crc32(0xFFFFFFFFu, typeBytes), data) ^ 0xFFFFFFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(buffer, crc);
        png.Write(buffer);
    }

    /// <summary>The CRC-32 PNG uses (ISO 3309, reflected polynomial 0xEDB88320), over chunk type and data.</summary>
    private static uint Crc32(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var value in data)
        {
            crc = CrcTable[(crc ^ value) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static uint[] CreateCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
