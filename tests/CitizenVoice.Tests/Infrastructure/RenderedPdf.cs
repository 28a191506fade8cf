using System.Diagnostics;

namespace CitizenVoice.Tests.Infrastructure;

/// <summary>
/// What a PDF shows on paper, not what its text layer says: a page rendered by poppler (pdftoppm) and read back by
/// Tesseract OCR with its Vietnamese model. A font whose glyphs are drawn wrongly still extracts correctly, so only the
/// picture proves that a reader sees "VIỆT NAM" and not "VI ̣T NAM". Needs poppler-utils, tesseract-ocr and
/// tesseract-ocr-vie.
/// </summary>
public static class RenderedPdf
{
    /// <summary>The OCR text of <paramref name="page"/> (1-based), rendered at <paramref name="dpi"/>.</summary>
    public static async Task<string> ReadAsync(byte[] pdf, int page = 1, int dpi = 200)
    {
        var folder = Directory.CreateTempSubdirectory("cv-pdf-");
        try
        {
            var input = Path.Combine(folder.FullName, "in.pdf");
            await File.WriteAllBytesAsync(input, pdf);
            var image = Path.Combine(folder.FullName, "page");
            await RunAsync("pdftoppm", "-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-f", $"{page}", "-l", $"{page}", "-gray", "-png", "-singlefile", input, image);
            if (Environment.GetEnvironmentVariable("CV_TEST_KEEP_RENDERS") is { Length: > 0 } keep)
            {
                File.Copy(image + ".png", Path.Combine(keep, $"render-{Guid.NewGuid():N}.png"));
            }

            return (await RunAsync("tesseract", image + ".png", "stdout", "-l", "vie", "--psm", "4")).Normalize();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Fails unless the OCR text shows <paramref name="expected"/> with every diacritic, wherever lines wrap (white
    /// space is ignored); the message quotes what the page showed.
    /// </summary>
    public static void AssertShows(string ocr, string expected)
    {
        static string Squash(string text) => string.Concat(text.Normalize().Where(c => !char.IsWhiteSpace(c)));
        Assert.True(Squash(ocr).Contains(Squash(expected), StringComparison.Ordinal), $"The page does not show \"{expected}\". It reads:\n{ocr}");
    }

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["OMP_THREAD_LIMIT"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {await error}");
        }

        return await output;
    }
}
