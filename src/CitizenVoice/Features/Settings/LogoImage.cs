namespace CitizenVoice.Features.Settings;

/// <summary>
/// What kind of image a logo file is, read from its first bytes. The browser's Content-Type is whatever the uploader
/// says, and SVG is a document that can run script when opened from the site's own address, so only raster images
/// recognised by their signature are stored and served.
/// </summary>
public static class LogoImage
{
    public static readonly string[] Types = ["image/png", "image/jpeg", "image/webp"];

    /// <summary>The content type of a PNG, JPEG or WebP image; null for anything else.</summary>
    public static string? TypeOf(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        return bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8) ? "image/webp" : null;
    }
}
