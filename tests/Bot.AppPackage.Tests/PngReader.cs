using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Bot.AppPackage.Tests;

/// <summary>
/// Reads the PNGs the tests look at, independently of the product's writer: every chunk's CRC is checked, IDAT is
/// inflated and all five row filters are undone, so a file any PNG encoder wrote (8-bit RGB or RGBA) can be compared.
/// </summary>
internal sealed record PngImage(int Width, int Height, bool HasAlphaChannel, byte[] Rgba, IReadOnlyList<string> Chunks)
{
    public (byte R, byte G, byte B, byte A) this[int x, int y]
    {
        get
        {
            var offset = ((y * Width) + x) * 4;
            return (Rgba[offset], Rgba[offset + 1], Rgba[offset + 2], Rgba[offset + 3]);
        }
    }

    public IEnumerable<(byte R, byte G, byte B, byte A)> Pixels()
    {
        for (var offset = 0; offset < Rgba.Length; offset += 4)
        {
            yield return (Rgba[offset], Rgba[offset + 1], Rgba[offset + 2], Rgba[offset + 3]);
        }
    }
}

internal static class PngReader
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static PngImage Read(byte[] file)
    {
        Assert.True(file.AsSpan(0, 8).SequenceEqual(Signature), "Not a PNG: the signature is wrong.");
        var chunks = new List<string>();
        var compressed = new MemoryStream();
        int width = 0, height = 0, colourType = 0;
        var position = 8;
        while (position < file.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(position));
            var type = Encoding.ASCII.GetString(file, position + 4, 4);
            var data = file.AsSpan(position + 8, length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(position + 8 + length));
            Assert.True(Crc32(file.AsSpan(position + 4, length + 4)) == crc, $"The CRC of chunk {type} is wrong.");
            chunks.Add(type);
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    Assert.Equal(8, data[8]);
                    colourType = data[9];
                    Assert.True(colourType is 2 or 6, $"Colour type {colourType} is not RGB or RGBA.");
                    Assert.Equal(0, data[12]);
                    break;
                case "IDAT":
                    compressed.Write(data);
                    break;
            }

            position += 12 + length;
        }

        Assert.Equal("IHDR", chunks[0]);
        Assert.Equal("IEND", chunks[^1]);
        var channels = colourType == 6 ? 4 : 3;
        var scanlines = Inflate(compressed.ToArray());
        var stride = width * channels;
        Assert.Equal((stride + 1) * height, scanlines.Length);

        var rgba = new byte[width * height * 4];
        var previous = new byte[stride];
        var current = new byte[stride];
        for (var y = 0; y < height; y++)
        {
            var filter = scanlines[y * (stride + 1)];
            scanlines.AsSpan((y * (stride + 1)) + 1, stride).CopyTo(current);
            for (var i = 0; i < stride; i++)
            {
                var left = i >= channels ? current[i - channels] : 0;
                var up = previous[i];
                var upLeft = i >= channels ? previous[i - channels] : 0;
                current[i] += filter switch
                {
                    0 => 0,
                    1 => (byte)left,
                    2 => up,
                    3 => (byte)((left + up) / 2),
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"Unknown PNG row filter {filter}."),
                };
            }

            for (var x = 0; x < width; x++)
            {
                var target = ((y * width) + x) * 4;
                rgba[target] = current[x * channels];
                rgba[target + 1] = current[(x * channels) + 1];
                rgba[target + 2] = current[(x * channels) + 2];
                rgba[target + 3] = channels == 4 ? current[(x * channels) + 3] : (byte)255;
            }

            (previous, current) = (current, previous);
        }

        return new PngImage(width, height, channels == 4, rgba, chunks);
    }

    private static byte Paeth(int left, int up, int upLeft)
    {
        var estimate = left + up - upLeft;
        var toLeft = Math.Abs(estimate - left);
        var toUp = Math.Abs(estimate - up);
        var toUpLeft = Math.Abs(estimate - upLeft);
        return (byte)(toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft);
    }

    private static byte[] Inflate(byte[] zlib)
    {
        using var input = new ZLibStream(new MemoryStream(zlib), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>Bitwise CRC-32 (no table), so it shares no code with the writer's.</summary>
    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var value in data)
        {
            crc ^= value;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
