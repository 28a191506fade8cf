using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace CitizenVoice.Tests.Localisation;

/// <summary>
/// The UI is written in Vietnamese and the Vietnamese text itself is the resource key, so a new or
/// reworded string silently falls back to Vietnamese in the English UI. These tests find every such
/// text in the source and check that SharedResource.en.resx translates it.
/// </summary>
public sealed class EnglishResourceTests
{
    private const string Literal = "\"((?:[^\"\\\\]|\\\\.)*)\"";

    // The same patterns as the key scanner: localiser look-ups, DataAnnotations messages and display
    // names, staff/public area titles and descriptions, Vietnamese switch-expression tables (looked up
    // via L[...] in the views) and the procedure level table.
    private static readonly Regex[] SingleKeyPatterns =
    [
        new(@"\b[lL]\[\s*" + Literal, RegexOptions.None),
        new(@"ErrorMessage\s*=\s*" + Literal, RegexOptions.None),
        new(@"Display\(Name\s*=\s*" + Literal, RegexOptions.None),
        new("=>\\s*\"([^\"]*[À-ỹđĐ][^\"]*)\"", RegexOptions.None),
        new("\\(ProcedureLevels\\.\\w+,\\s*\"([^\"]+)\"\\)", RegexOptions.None),
    ];

    private static readonly Regex AreaPattern =
        new(@"new (?:[\w.]+\.)?(?:Public|Staff)Area\(\d+,\s*" + Literal + @",\s*" + Literal, RegexOptions.None);

    private static readonly Regex Placeholder = new(@"\{\d+\}", RegexOptions.None);

    [Fact]
    public void Every_Vietnamese_text_in_the_code_has_an_English_translation()
    {
        var translated = ReadResource().Select(entry => entry.Name).ToHashSet(StringComparer.Ordinal);

        var missing = ScanSourceKeys()
            .Where(key => !translated.Contains(key))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(
            missing.Count == 0,
            $"{missing.Count} text(s) have no entry in src/CitizenVoice/Resources/SharedResource.en.resx:"
                + Environment.NewLine + string.Join(Environment.NewLine, missing));
    }

    [Fact]
    public void No_two_texts_differ_only_in_capitals_since_the_build_keeps_only_one_of_them()
    {
        // Resource names ignore case when the .resx is compiled (warning MSB3568): of "Tỉnh" and "tỉnh" one is
        // dropped, and the other text then shows in Vietnamese on English pages.
        var clashes = ReadResource().GroupBy(entry => entry.Name, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1).Select(g => string.Join(" / ", g.Select(e => e.Name))).ToList();

        Assert.True(clashes.Count == 0, "These resource names differ only in capitals:" + Environment.NewLine + string.Join(Environment.NewLine, clashes));
    }

    [Fact]
    public void English_translations_keep_the_placeholders_of_the_Vietnamese_text()
    {
        var mismatched = ReadResource()
            .Where(entry => !Placeholders(entry.Name).SetEquals(Placeholders(entry.Value)))
            .Select(entry => $"{entry.Name} => {entry.Value}")
            .ToList();

        Assert.True(
            mismatched.Count == 0,
            "These translations do not use the same {n} placeholders as their Vietnamese text:"
                + Environment.NewLine + string.Join(Environment.NewLine, mismatched));
    }

    [Fact]
    public void The_English_resource_has_no_empty_translations()
    {
        var empty = ReadResource()
            .Where(entry => string.IsNullOrWhiteSpace(entry.Value))
            .Select(entry => entry.Name)
            .ToList();

        Assert.True(
            empty.Count == 0,
            "These texts have an empty English translation:"
                + Environment.NewLine + string.Join(Environment.NewLine, empty));
    }

    // A page title (ViewData["Title"], ViewBag.Title) set in a statement, and the text of a link in a view (the menus,
    // the breadcrumbs, the staff home's tiles). Any Vietnamese literal there must be a localiser key.
    private static readonly Regex TitleStatement = new(@"(?:ViewData\[""Title""\]|ViewBag\.Title)\s*=\s*([^;]*);", RegexOptions.None);
    private static readonly Regex LinkText = new(@"<a\b[^>]*>([^<]*)</a>", RegexOptions.None);
    private static readonly Regex Localised = new(@"\b[lL]\[\s*" + Literal + @"[^\]]*\]", RegexOptions.None);
    private static readonly Regex VietnameseLiteral = new("\"([^\"]*[À-ỹđĐ][^\"]*)\"", RegexOptions.None);
    private static readonly Regex VietnameseText = new(@"[À-ỹđĐ]", RegexOptions.None);

    [Fact]
    public void Page_titles_and_menu_items_are_Vietnamese_only_through_the_localiser_and_each_has_an_English_translation()
    {
        var translated = ReadResource().Select(entry => entry.Name).ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        var sourceRoot = Path.Combine(FindRepositoryRoot(), "src", "CitizenVoice");
        foreach (var file in Directory.EnumerateFiles(sourceRoot, "*.*", SearchOption.AllDirectories).Where(f => IsScannedFile(sourceRoot, f)))
        {
            var text = File.ReadAllText(file);
            var name = Path.GetRelativePath(sourceRoot, file).Replace('\\', '/');
            var pieces = TitleStatement.Matches(text).Select(m => (Kind: "title", Text: m.Groups[1].Value));
            if (file.EndsWith(".cshtml", StringComparison.Ordinal))
            {
                pieces = pieces.Concat(LinkText.Matches(text).Select(m => (Kind: "link", Text: m.Groups[1].Value)));
            }

            foreach (var (kind, piece) in pieces)
            {
                foreach (Match key in Localised.Matches(piece))
                {
                    if (!translated.Contains(Unescape(key.Groups[1].Value)))
                    {
                        problems.Add($"{name}: {kind} key without English: {key.Groups[1].Value}");
                    }
                }

                var rest = Localised.Replace(piece, "");
                // Link text written straight into the markup, or a Vietnamese literal in a title statement, never reaches the localiser.
                var raw = kind == "link" && !rest.Contains('@', StringComparison.Ordinal) ? (VietnameseText.IsMatch(rest) ? rest.Trim() : null)
                    : VietnameseLiteral.Match(rest) is { Success: true } literal ? literal.Groups[1].Value : null;
                if (raw is not null)
                {
                    problems.Add($"{name}: {kind} in Vietnamese outside the localiser: {raw}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private static HashSet<string> ScanSourceKeys()
    {
        var sourceRoot = Path.Combine(FindRepositoryRoot(), "src", "CitizenVoice");
        var keys = new HashSet<string>(StringComparer.Ordinal);

        foreach (var file in Directory.EnumerateFiles(sourceRoot, "*.*", SearchOption.AllDirectories))
        {
            if (!IsScannedFile(sourceRoot, file))
            {
                continue;
            }

            var text = File.ReadAllText(file);
            foreach (var pattern in SingleKeyPatterns)
            {
                foreach (Match match in pattern.Matches(text))
                {
                    keys.Add(Unescape(match.Groups[1].Value));
                }
            }

            foreach (Match match in AreaPattern.Matches(text))
            {
                keys.Add(Unescape(match.Groups[1].Value));
                keys.Add(Unescape(match.Groups[2].Value));
            }
        }

        return keys;
    }

    private static bool IsScannedFile(string sourceRoot, string file)
    {
        if (!file.EndsWith(".cs", StringComparison.Ordinal) && !file.EndsWith(".cshtml", StringComparison.Ordinal))
        {
            return false;
        }

        var relative = Path.GetRelativePath(sourceRoot, file).Replace('\\', '/');
        return !relative.StartsWith("bin/", StringComparison.Ordinal)
            && !relative.StartsWith("obj/", StringComparison.Ordinal)
            && !relative.StartsWith("Data/Migrations/", StringComparison.Ordinal);
    }

    // A C# literal's escapes (\" and \\) are not part of the text the localiser receives.
    private static string Unescape(string literal) =>
        literal.Contains('\\', StringComparison.Ordinal)
            ? literal.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal)
            : literal;

    private static HashSet<string> Placeholders(string text) =>
        Placeholder.Matches(text).Select(match => match.Value).ToHashSet(StringComparer.Ordinal);

    private static List<(string Name, string Value)> ReadResource()
    {
        var path = Path.Combine(FindRepositoryRoot(), "src", "CitizenVoice", "Resources", "SharedResource.en.resx");
        return XDocument.Load(path).Root!
            .Elements("data")
            .Select(data => ((string)data.Attribute("name")!, (string?)data.Element("value") ?? string.Empty))
            .ToList();
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CitizenVoice.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No directory above {AppContext.BaseDirectory} contains CitizenVoice.sln.");
    }
}
