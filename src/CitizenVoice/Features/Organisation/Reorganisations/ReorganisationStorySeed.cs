using System.Globalization;
using System.Security.Cryptography;
using CitizenVoice.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CitizenVoice.Features.Organisation;

/// <summary>
/// The demo's organisation as it really went: Công an tỉnh Bắc Kạn with its districts and communes (seeded as of
/// before the reform by <see cref="OrganisationSeed"/>), the district level abolished on 2025-03-01, and on 2025-07-01
/// the province merged into Công an tỉnh Thái Nguyên with its 108 communes merged into 37. Played through the same
/// reorganisation files and engine an administrator uses (<c>Data/Seed/to-chuc-lai-*.csv</c>), so the demo's history
/// page lists them and every figure before the change still adds up in today's units.
/// <para>
/// The new communes of Bắc Kạn's part carry real names — each takes the name of one of the communes merged into it —
/// but the grouping is illustrative (neighbouring communes of the same former district, about three to one), not the
/// official arrangement; the rest of Thái Nguyên, whose units the demo data does not hold, is 55 communes named "mẫu".
/// </para>
/// Off with <c>Seed:Reorganisation2025=false</c>: the tests run on the tree before the reform, whose units are all in
/// service, and the tests of this story turn it on.
/// </summary>
internal sealed class ReorganisationStorySeed(AppDb db, ReorganisationApply apply, IOptions<DatabaseOptions> options, IConfiguration configuration, TimeProvider clock) : ISeeder
{
    public static readonly string[] Files = ["to-chuc-lai-2025-03-01.csv", "to-chuc-lai-2025-07-01.csv"];

    /// <summary>After the staff accounts (which the files move to the successors), before anything dated or current is seeded.</summary>
    public int Order => 25;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.SeedDemoData || !configuration.GetValue("Seed:Reorganisation2025", false)
            || await db.Reorganisations.AnyAsync(cancellationToken)
            || await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Code == "BK" && u.ValidTo == null, cancellationToken) is not { } province)
        {
            return;
        }

        foreach (var file in Files)
        {
            // Applied as the demo's administrator (StaffSeed's "admin", of the province police) would have.
            await ApplyAsync(file, province.Id, "admin", cancellationToken);
        }

        await DescribeThaiNguyenAsync(cancellationToken);
    }

    private async Task ApplyAsync(string fileName, int scopeUnitId, string administrator, CancellationToken ct)
    {
        var content = OrganisationSeed.ReadResource(fileName);
        static string Vietnamese(string text, object[] args) => string.Format(CultureInfo.InvariantCulture, text, args);
        var plan = await ReorganisationPlanner.PlanAsync(db, ReorganisationFile.Read(fileName, content, Vietnamese), StaffOnClose.Move, scopeUnitId, Vietnamese, ct);
        if (!plan.CanApply)
        {
            throw new InvalidOperationException($"The demo reorganisation {fileName} does not apply: " +
                string.Join("; ", plan.Errors.Select(e => $"line {e.Line}: {e.Message}")));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var reorganisation = new Reorganisation
        {
            FileName = fileName, Sha256 = Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant(), EffectiveDate = plan.EffectiveDate,
            DefaultStaff = StaffOnClose.Move, UploadedBy = administrator, UploadedAt = now, AppliedBy = administrator, AppliedAt = now,
        };
        db.Reorganisations.Add(reorganisation);
        await db.SaveChangesAsync(ct);
        db.ReorganisationUploads.Add(new ReorganisationUpload { ReorganisationId = reorganisation.Id, Content = content });
        var outcome = await apply.RunAsync(plan, ct);
        // The apply leaves the context's tracker empty: the row is read again to be changed.
        (await db.Reorganisations.SingleAsync(r => r.Id == reorganisation.Id, ct)).Summary = outcome.Summary(Vietnamese);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// What a file does not carry: the sample communes' English names (the apply makes "mẫu số 3 Commune Police" from
    /// the Vietnamese) and the new province's contact details (marked as samples: the demo does not publish a real
    /// office's).
    /// </summary>
    private async Task DescribeThaiNguyenAsync(CancellationToken ct)
    {
        var created = await db.Units.Where(u => u.ValidFrom == new DateOnly(2025, 7, 1)).ToListAsync(ct);
        foreach (var unit in created)
        {
            var place = unit.Name[$"Công an {unit.AreaType} ".Length..];
            if (place.StartsWith("mẫu số ", StringComparison.Ordinal))
            {
                unit.NameEn = $"Sample {(unit.AreaType == "phường" ? "Ward" : "Commune")} {place["mẫu số ".Length..]} Police";
            }

            if (unit.Code == "TN")
            {
                unit.Address = "Trụ sở Công an tỉnh Thái Nguyên (địa chỉ mẫu)";
                unit.Hotline = "0208 3000 113";
                unit.Email = "congan@tn.citizenvoice.local";
            }
        }

        var province = created.Single(u => u.Code == "TN");
        foreach (var department in await db.Units.Where(u => u.ParentId == province.Id && u.Level == UnitLevel.Department).ToListAsync(ct))
        {
            department.NameEn = department.NameEn?.Replace("Bắc Kạn", "Thái Nguyên", StringComparison.Ordinal);
        }

        await db.SaveChangesAsync(ct);
    }
}
