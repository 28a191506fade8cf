using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Contacts;

/// <summary>Finds contact points by unit, field and words typed with or without diacritics; shared by the page and the API.</summary>
public static class ContactDirectory
{
    public sealed record Entry(
        int Id, string UnitCode, string UnitName, UnitLevel UnitLevel, int? DistrictId, string? FieldCode, string? FieldName,
        string Name, string? Hotline, string? Phone, string? Email, string? Address, string? ReceptionHours);

    public sealed record Group(string Name, IReadOnlyList<Entry> Entries);

    public static async Task<IReadOnlyList<Entry>> FindAsync(AppDb db, string? query, string? fieldCode, CancellationToken ct)
    {
        var entries = await db.ContactPoints.AsNoTracking()
            .Where(c => c.Unit!.ValidTo == null && c.Unit.SuccessorId == null)
            .Where(c => fieldCode == null || c.FieldId == null || c.Field!.Code == fieldCode)
            .OrderBy(c => c.SortOrder)
            .Select(c => new Entry(
                c.Id, c.Unit!.Code, LocalName.Of(c.Unit.Name, c.Unit.NameEn), c.Unit.Level, c.Unit.Level == UnitLevel.Commune ? c.Unit.ParentId : c.Unit.Id,
                c.Field!.Code, LocalName.Of(c.Field.Name, c.Field.NameEn), c.Name, c.Hotline, c.Phone, c.Email, c.Address, c.ReceptionHours))
            .ToListAsync(ct);
        if (string.IsNullOrWhiteSpace(query))
        {
            return entries;
        }

        // Every word typed must appear somewhere in the entry, diacritics and case aside: "cccd ba be", "xuat nhap canh".
        var words = Fold(query).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return [.. entries.Where(e =>
        {
            var text = Fold(string.Join(' ', e.UnitName, e.FieldName, e.FieldCode, e.Name, e.Address, e.Hotline, e.Phone, e.Email));
            return words.All(w => text.Contains(w, StringComparison.Ordinal));
        })];
    }

    /// <summary>The province's own desks first, then each district with its communes, in Vietnamese order.</summary>
    public static IReadOnlyList<Group> ByDistrict(IReadOnlyList<Entry> entries) =>
        [.. entries.GroupBy(e => e.UnitLevel is UnitLevel.Province or UnitLevel.Department ? null : e.DistrictId)
            .OrderBy(g => g.Key is not null)
            .ThenBy(g => g.OrderBy(e => e.UnitLevel).First().UnitName, Localisation.VietnameseOrder)
            .Select(g => new Group(
                g.OrderBy(e => e.UnitLevel).First().UnitName,
                [.. g.OrderBy(e => e.UnitLevel).ThenBy(e => e.UnitName, Localisation.VietnameseOrder).ThenBy(e => e.FieldName is not null)]))];

    /// <summary>A phone number as a tel: link can dial it: digits and a leading +, nothing else.</summary>
    public static string TelHref(string phone) => "tel:" + new string([.. phone.Where((c, i) => char.IsAsciiDigit(c) || (c == '+' && i == 0))]);

    private static string Fold(string? text) => TextFolding.Fold(text ?? "").ToLowerInvariant();
}
