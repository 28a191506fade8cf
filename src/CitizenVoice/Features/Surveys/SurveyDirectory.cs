using System.Collections.Frozen;
using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// What every submission is checked against — unit codes, field codes, the fields each unit serves, the current questionnaire — held in memory:
/// they change a few times a year and responses arrive by the thousand a second, so three queries per response would
/// cost more than storing it. A change saved in this process (a unit edited, merged or moved, a field, a questionnaire
/// published) empties it at once (<see cref="Invalidation"/>); a change made by another copy of the application is
/// seen within <see cref="Lifetime"/>, and an unknown code reloads it (at most once a second) before it is refused.
/// </summary>
public sealed class SurveyDirectory(TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ReloadOnMissAfter = TimeSpan.FromSeconds(1);

    /// <param name="Fields">The ids of the fields the unit serves (<see cref="UnitField"/>).</param>
    public sealed record UnitEntry(int Id, string Path, Organisation.UnitLevel Level, bool Active, FrozenSet<int> Fields);

    public sealed record FieldEntry(int Id, string Name, bool Active);

    private sealed record Snapshot(
        FrozenDictionary<string, UnitEntry> Units, FrozenDictionary<string, FieldEntry> Fields, int? CurrentQuestionnaireId, DateTimeOffset LoadedAt);

    private volatile Snapshot? _snapshot;

    public async Task<UnitEntry?> UnitAsync(AppDb db, string code, CancellationToken ct) =>
        (await SnapshotAsync(db, s => s.Units.ContainsKey(code), ct)).Units.GetValueOrDefault(code);

    public async Task<FieldEntry?> FieldAsync(AppDb db, string code, CancellationToken ct) =>
        (await SnapshotAsync(db, s => s.Fields.ContainsKey(code), ct)).Fields.GetValueOrDefault(code);

    public async Task<int?> CurrentQuestionnaireIdAsync(AppDb db, CancellationToken ct) =>
        (await SnapshotAsync(db, s => s.CurrentQuestionnaireId is not null, ct)).CurrentQuestionnaireId;

    public void Forget() => _snapshot = null;

    public void Dispose() => _loading.Dispose();

    // One load at a time. When the snapshot expires, every request then in flight finds it old: each loading its own
    // was a load of the whole unit tree per request (with 64 clients and a national tree's 3,400 units, about half of
    // the CPU a response cost). The others wait for the one load and use it.
    private readonly SemaphoreSlim _loading = new(1, 1);

    private async Task<Snapshot> SnapshotAsync(AppDb db, Func<Snapshot, bool> found, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var snapshot = _snapshot;
        if (snapshot is not null && now - snapshot.LoadedAt < Lifetime && (found(snapshot) || now - snapshot.LoadedAt < ReloadOnMissAfter))
        {
            return snapshot;
        }

        await _loading.WaitAsync(ct);
        try
        {
            // Loaded by another request while this one waited: as new as a load of its own would be.
            if (_snapshot is { } loaded && !ReferenceEquals(loaded, snapshot))
            {
                return loaded;
            }

            return await LoadAsync(db, now, ct);
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task<Snapshot> LoadAsync(AppDb db, DateTimeOffset now, CancellationToken ct)
    {
        var served = (await db.UnitFields.AsNoTracking().ToListAsync(ct)).ToLookup(s => s.UnitId, s => s.FieldId);
        var units = (await db.Units.AsNoTracking().ToListAsync(ct))
            .Select(u => new { u.Code, Entry = new UnitEntry(u.Id, u.Path, u.Level, u.IsActive, served[u.Id].ToFrozenSet()) });
        var fields = await db.Fields.AsNoTracking().Select(f => new { f.Code, Entry = new FieldEntry(f.Id, f.Name, f.IsActive) }).ToListAsync(ct);
        var current = await db.Questionnaires.AsNoTracking().Where(q => q.IsCurrent && q.Status == QuestionnaireStatus.Published)
            .OrderByDescending(q => q.Version).Select(q => (int?)q.Id).FirstOrDefaultAsync(ct);
        return _snapshot = new Snapshot(
            units.ToFrozenDictionary(u => u.Code, u => u.Entry), fields.ToFrozenDictionary(f => f.Code, f => f.Entry), current, now);
    }

    /// <summary>Empties the directory before and after any save that touches a unit, a field, the fields a unit serves or a questionnaire.</summary>
    public sealed class Invalidation(SurveyDirectory directory) : SaveChangesInterceptor
    {
        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            ForgetIfTouched(eventData.Context);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            ForgetIfTouched(eventData.Context);
            return ValueTask.FromResult(result);
        }

        // After the save as well: a request may have reloaded the old rows between the first forget and the commit.
        public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
        {
            ForgetIfTouched(eventData.Context);
            return result;
        }

        public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            ForgetIfTouched(eventData.Context);
            return ValueTask.FromResult(result);
        }

        private void ForgetIfTouched(DbContext? db)
        {
            if (db is not null && db.ChangeTracker.Entries().Any(e => e.Entity is Unit or ServiceField or UnitField or Questionnaire))
            {
                directory.Forget();
            }
        }
    }
}
