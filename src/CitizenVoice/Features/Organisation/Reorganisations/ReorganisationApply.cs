using System.Globalization;
using CitizenVoice.Data;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Organisation;

/// <summary>
/// Plays a checked <see cref="ReorganisationPlan"/> on the real tree in one transaction: every change or none. Moves and
/// merges go through <see cref="UnitTree"/>, so the survey rollups follow each move (<see cref="IUnitMoveListener"/>)
/// within the same transaction, and the former names and parents are kept in the units' history.
/// </summary>
public sealed class ReorganisationApply(AppDb db, IStaffAccounts staffAccounts, IEnumerable<IUnitRecords> records)
{
    /// <summary>What an application did, counted for the history page.</summary>
    public sealed record Outcome(int Created, int Renamed, int Moved, int Merged, int Abolished, int StaffMoved, int StaffDisabled, int HandedOver)
    {
        public string Summary(Func<string, object[], string> l) =>
            l("Tạo mới {0}, đổi tên {1}, chuyển cấp trên {2}, sáp nhập {3}, bãi bỏ {4} đơn vị; chuyển {5} và khoá {6} tài khoản cán bộ.",
                [Created, Renamed, Moved, Merged, Abolished, StaffMoved, StaffDisabled])
            + (HandedOver > 0 ? " " + l("Chuyển {0} việc chưa xong (phản ánh, buổi đối thoại chưa tổ chức, câu hỏi, cam kết, chỉ tiêu khảo sát) cho đơn vị tiếp nhận.", [HandedOver]) : "");
    }

    /// <summary>
    /// Applies the plan, in the caller's transaction: the caller commits, and an exception anywhere leaves the database as
    /// it was once the transaction is rolled back. It empties the context's change tracker as it goes: the caller reads
    /// again what it changes afterwards.
    /// </summary>
    public async Task<Outcome> RunAsync(ReorganisationPlan plan, CancellationToken ct)
    {
        if (!plan.CanApply)
        {
            throw new InvalidOperationException("Only a plan without refused rows can be applied.");
        }

        var date = plan.EffectiveDate;
        // Ids by code, not tracked units: each change loads the few units it touches and the tracker is emptied after each
        // save, so a file of thousands of merges does not compare the whole tree at every save.
        var ids = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Code, u => u.Id, StringComparer.OrdinalIgnoreCase, ct);
        async Task<Unit> UnitAsync(string code) => (await db.Units.FindAsync([ids[code]], ct))!;
        int created = 0, renamed = 0, moved = 0, merged = 0, abolished = 0, staffMoved = 0, staffDisabled = 0;
        var successorOf = new Dictionary<int, int>();
        var createdIds = new List<int>();
        foreach (var change in plan.Changes)
        {
            var target = change.Target is { } t ? await UnitAsync(t) : null;
            switch (change.Action)
            {
                case ReorganisationAction.Create:
                    var unit = new Unit
                    {
                        Code = change.Code, Name = change.Name!, NameEn = OrganisationSeed.EnglishNameOf(change.Name!, change.AreaType), AreaType = change.AreaType, Level = change.Level!.Value,
                        GsoCode = change.GsoCode, ValidFrom = date, ParentId = target?.Id,
                    };
                    db.Units.Add(unit);
                    await db.SaveChangesAsync(ct);
                    unit.Path = (target?.Path ?? "/") + unit.Id.ToString(CultureInfo.InvariantCulture) + "/";
                    ids[unit.Code] = unit.Id;
                    createdIds.Add(unit.Id);
                    created++;
                    break;
                case ReorganisationAction.Rename:
                    var renamedUnit = await UnitAsync(change.Code);
                    // Reports for a period before the date print the name the unit had then, in either language. A file
                    // has no English names: the new one is made from the Vietnamese (none, for a name of another shape,
                    // shows the Vietnamese) rather than the old English name staying beside the new Vietnamese one.
                    db.UnitNameHistory.Add(new UnitNameRecord
                    {
                        UnitId = renamedUnit.Id, Name = renamedUnit.Name, NameEn = renamedUnit.NameEn, AreaType = renamedUnit.AreaType, ValidTo = date,
                    });
                    renamedUnit.Name = change.Name!;
                    renamedUnit.AreaType = change.AreaType ?? renamedUnit.AreaType;
                    renamedUnit.NameEn = OrganisationSeed.EnglishNameOf(renamedUnit.Name, renamedUnit.AreaType);
                    renamed++;
                    break;
                case ReorganisationAction.Move:
                    await UnitTree.MoveAsync(db, await UnitAsync(change.Code), target, date, ct);
                    moved++;
                    break;
                default:
                    var closed = await UnitAsync(change.Code);
                    if (change.Staff == StaffOnClose.Move)
                    {
                        staffMoved += await staffAccounts.MoveAsync(closed.Id, target!.Id, ct);
                    }
                    else
                    {
                        staffDisabled += await staffAccounts.DisableAsync(closed.Id, ct);
                    }

                    // The same merge an administrator makes on the unit's page: sub-units move (with their rollups), fields
                    // carry over, and the closed unit points to its successor, so its history counts there and its QR
                    // codes open the successor's form. An abolished unit's successor is its parent.
                    await UnitTree.MergeAsync(db, closed, target!, date, ct);
                    successorOf[closed.Id] = target!.Id;
                    if (change.Action == ReorganisationAction.Merge) { merged++; } else { abolished++; }
                    break;
            }

            // Saved step by step: the next move's rollup listener reads the tree as the database holds it.
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        await GiveUsualFieldsAsync(createdIds, ct);

        // Unfinished work goes to the end of each chain (a commune merged into one merged in turn hands over to the last).
        foreach (var closed in successorOf.Keys.ToList())
        {
            for (var seen = 0; successorOf.TryGetValue(successorOf[closed], out var next) && seen < 50; seen++)
            {
                successorOf[closed] = next;
            }
        }

        var handedOver = await records.HandOverAsync(successorOf, ct);
        await db.SaveChangesAsync(ct);
        return new Outcome(created, renamed, moved, merged, abolished, staffMoved, staffDisabled, handedOver);
    }

    /// <summary>
    /// A created unit that nothing was merged into would serve no field: its QR form would offer the citizen nothing to
    /// rate and no survey could sample it. It serves the fields that most serving units of its level serve (a commune
    /// police: identity cards and residence) until an administrator changes them on its page.
    /// </summary>
    private async Task GiveUsualFieldsAsync(List<int> createdIds, CancellationToken ct)
    {
        var bare = await db.Units.Where(u => createdIds.Contains(u.Id) && !db.UnitFields.Any(f => f.UnitId == u.Id))
            .Select(u => new { u.Id, u.Level }).ToListAsync(ct);
        var bareIds = bare.Select(u => u.Id).ToList();
        foreach (var level in bare.GroupBy(u => u.Level))
        {
            var serving = db.Units.Where(u => u.Level == level.Key && u.ValidTo == null && !bareIds.Contains(u.Id) && db.UnitFields.Any(f => f.UnitId == u.Id));
            var count = await serving.CountAsync(ct);
            var usual = await db.UnitFields.Where(f => serving.Any(u => u.Id == f.UnitId)).GroupBy(f => f.FieldId)
                .Where(g => g.Count() * 2 > count).Select(g => g.Key).ToListAsync(ct);
            db.UnitFields.AddRange(level.SelectMany(u => usual.Select(field => new UnitField { UnitId = u.Id, FieldId = field })));
        }

        await db.SaveChangesAsync(ct);
    }
}
