using System.Net;
using System.Security.Cryptography;
using System.Text;
using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Features.Surveys.Rollups;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenVoice.Tests.Organisation;

/// <summary>An app whose unit moves can be made to fail at the n-th move, as a lost connection or a full disk would.</summary>
public sealed class FailingMovesApp : CitizenVoiceApp
{
    public FailingMoves Failure { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IUnitMoveListener>(Failure));
    }
}

/// <summary>Throws at the move it is set to fail at (counting from 1), and counts every move.</summary>
public sealed class FailingMoves : IUnitMoveListener
{
    private int _moves;

    public int FailAt { get; set; }

    public Task UnitMovingAsync(AppDb db, string oldPath, string newPath, CancellationToken cancellationToken) =>
        FailAt > 0 && Interlocked.Increment(ref _moves) == FailAt ? throw new IOException("The disk is full.") : Task.CompletedTask;

    public void Reset(int failAt)
    {
        _moves = 0;
        FailAt = failAt;
    }
}

public sealed class ReorganisationAtomicityTests(FailingMovesApp app) : IClassFixture<FailingMovesApp>
{
    [Fact]
    public async Task A_failure_half_way_through_applying_leaves_units_staff_and_figures_as_they_were_and_the_file_can_be_applied_again()
    {
        using var admin = app.CreateStaffClient();
        await admin.SignInAsync("admin");
        var moved = await app.WithDbAsync(db => db.Units.Active().Where(u => u.Parent!.Code == "BK-BB" && u.Level == UnitLevel.Commune).OrderBy(u => u.Code).Select(u => u.Code).FirstAsync());
        var renamed = await app.WithDbAsync(db => db.Units.Active().Where(u => u.Parent!.Code == "BK-PN" && u.Level == UnitLevel.Commune).OrderBy(u => u.Code).Select(u => u.Code).FirstAsync());
        // Created first, renamed, moved (the first move), then Ngân Sơn merged into Na Rì: its communes' moves fail at the second.
        var preview = await ReorganisationUpload.UploadAsync(admin, "hong-giua-chung.csv", ReorganisationUpload.Csv(
            "2025-07-01,Tạo mới,,BK-NR-MOI,Công an xã Mới,xã,xã,BK-NR,,",
            $",Đổi tên,{renamed},,Công an xã Tên Khác,,,,,",
            $",Chuyển cấp trên,{moved},,,,,BK-NR,,",
            ",Sáp nhập,BK-NS,BK-NR,,,,,,chuyển"));
        var before = await FingerprintAsync();

        app.Failure.Reset(failAt: 2);
        using (var failed = await admin.SubmitFormAsync(preview, []))
        {
            Assert.Equal(HttpStatusCode.Conflict, failed.StatusCode);
            Assert.Contains("không có thay đổi nào được lưu", (await StaffClient.ParseAsync(failed)).QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        }

        Assert.True(app.Failure.FailAt == 2);
        Assert.Equal(before, await FingerprintAsync());

        app.Failure.Reset(failAt: 0);
        using (var applied = await admin.SubmitFormAsync(preview, []))
        {
            Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        }

        Assert.NotEqual(before, await FingerprintAsync());
        Assert.True(await app.WithDbAsync(db => db.Units.AnyAsync(u => u.Code == "BK-NR-MOI")));
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<RollupCheck>().RunAsync());
    }

    /// <summary>Everything applying could change: units, names, parents, staff, every rollup row, the file's state.</summary>
    private Task<string> FingerprintAsync() => app.WithDbAsync(async db =>
    {
        // Pending increments are folded first, so the rows compared are complete either way.
        await app.Services.GetRequiredService<PendingRollupFold>().FoldAsync(db);
        var text = new StringBuilder();
        foreach (var u in await db.Units.AsNoTracking().OrderBy(u => u.Id).ToListAsync())
        {
            text.Append($"{u.Id} {u.Code} {u.Name} {u.ParentId} {u.Path} {u.ValidTo} {u.SuccessorId}\n");
        }

        foreach (var s in await db.Users.AsNoTracking().OrderBy(u => u.Id).Select(u => new { u.Id, u.UnitId, u.LockoutEnd, u.SecurityStamp }).ToListAsync())
        {
            text.Append($"{s.Id} {s.UnitId} {s.LockoutEnd} {s.SecurityStamp}\n");
        }

        foreach (var r in await db.RollupRows.AsNoTracking().Select(r => new { r.UnitId, r.Scope, r.Period, r.FieldId, r.Channel, r.RespondentType, r.ProcedureId, r.Responses, r.Answers }).ToListAsync())
        {
            text.Append($"{r.UnitId} {r.Scope} {r.Period} {r.FieldId} {r.Channel} {r.RespondentType} {r.ProcedureId} {r.Responses} {r.Answers}\n");
        }

        text.Append(await db.UnitNameHistory.CountAsync()).Append(' ').Append(await db.UnitParentHistory.CountAsync()).Append(' ')
            .Append(await db.UnitFields.CountAsync()).Append(' ').Append(await db.Reorganisations.CountAsync(r => r.AppliedAt != null));
        // Rows are hashed in a fixed order, whatever order the database returned them in.
        var lines = text.ToString().Split('\n').Order(StringComparer.Ordinal);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))));
    });
}
