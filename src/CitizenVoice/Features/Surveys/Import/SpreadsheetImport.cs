using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CitizenVoice.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// Spreadsheet import (CSV or XLSX): upload → every row checked with the recorder's own rules and kept in the database
/// → nothing imported until someone confirms a file without errors → imported in chunks, each row under a response id
/// derived from the file's SHA-256 and the row's line, so neither a second upload nor a repeated chunk duplicates it.
/// A file with errors is never partly imported: it is corrected and uploaded again, and the corrected file (a new
/// hash) starts clean.
/// </summary>
public sealed class SpreadsheetImport(
    AppDb db, QuestionnaireCatalog catalog, SurveyRules rules, SurveyRecorder recorder, ReceiptHasher receipts,
    IDataProtectionProvider protection, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public const int MaxBytes = 20 * 1024 * 1024;
    public const int ChunkSize = 200;
    public const string Unit = "MaDonVi";
    public const string Field = "MaLinhVuc";
    public const string Procedure = "MaThuTuc";
    public const string ContactDate = "NgayTiepXuc";
    public const string Receipt = "MaHoSo";
    public const string Comment = "GopY";

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d/M/yyyy", "dd/MM/yyyy", "d-M-yyyy", "d.M.yyyy"];

    public sealed record UploadResult(Guid? FileId, string? Error);

    private IDataProtector ReceiptProtector => protection.CreateProtector("CitizenVoice.Surveys.ImportReceipt.v1");

    /// <summary>The template's columns for a questionnaire: the fixed ones, then one per question code, then the comment.</summary>
    public static IReadOnlyList<string> Columns(QuestionnaireView questionnaire) =>
        [Unit, Field, Procedure, ContactDate, Receipt, .. questionnaire.AllQuestions.Select(q => q.Code), Comment];

    public static byte[] TemplateCsv(QuestionnaireView questionnaire) =>
        [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(string.Join(',', Columns(questionnaire)) + "\r\n")];

    /// <summary>What the template shows besides the columns: the units and fields to choose from, and the example row's day.</summary>
    public sealed record TemplateChoices(
        IReadOnlyList<(string Code, string Name)> Units, IReadOnlyList<(string Code, string Name)> Fields, string ExampleUnit, string? ExampleField, DateOnly ExampleDay);

    public const string GuideSheet = "Hướng dẫn";
    public const string ExampleComment = "Dòng ví dụ: sửa thành phiếu thật hoặc xoá dòng này trước khi nhập.";

    /// <summary>
    /// The workbook: first sheet the columns with one example row that imports as it is (every rating at its highest
    /// value), second sheet the valid unit codes, field codes, answer values, channel and date format, so that whoever
    /// fills it needs nothing else open. The import reads the first sheet only.
    /// </summary>
    public static byte[] TemplateXlsx(QuestionnaireView questionnaire, TemplateChoices choices)
    {
        var row = Columns(questionnaire).ToDictionary(c => c, _ => (object?)null);
        row[Unit] = choices.ExampleUnit;
        row[Field] = choices.ExampleField;
        row[ContactDate] = choices.ExampleDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        foreach (var question in questionnaire.AllQuestions.Where(q => q.Scale is { Values.Count: > 0 }))
        {
            row[question.Code] = question.Scale!.Values[^1].Value;
        }

        row[Comment] = ExampleComment;

        var vi = CultureInfo.GetCultureInfo("vi-VN");
        var guide = new List<Dictionary<string, object?>>();
        void Add(string column, object? value, string meaning) => guide.Add(new() { ["Cột"] = column, ["Giá trị"] = value, ["Ý nghĩa"] = meaning });
        Add(ContactDate, "yyyy-MM-dd", "Ngày tiếp xúc, ví dụ 2026-01-05 (cũng nhận dd/MM/yyyy)");
        Add("Kenh", "import", "Mọi dòng của tệp được ghi nhận với kênh \"Nhập từ tệp\"");
        foreach (var question in questionnaire.AllQuestions)
        {
            if (question.Scale is null)
            {
                Add(question.Code, "", question.TextFor(vi) + " (trả lời bằng chữ, không bắt buộc)");
                continue;
            }

            foreach (var value in question.Scale.Values)
            {
                Add(question.Code, value.Value, value.LabelFor(vi) + " — " + question.TextFor(vi));
            }
        }

        foreach (var (code, name) in choices.Fields)
        {
            Add(Field, code, name);
        }

        foreach (var (code, name) in choices.Units)
        {
            Add(Unit, code, name);
        }

        using var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object> { ["Phiếu"] = new[] { row }, [GuideSheet] = guide }, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    public async Task<UploadResult> UploadAsync(string fileName, byte[] content, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var sha = Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant();
        if (await db.ImportFiles.Where(f => f.Sha256 == sha).Select(f => new { f.Id, f.UploadedById }).SingleOrDefaultAsync(cancellationToken) is { } existing)
        {
            // Only its uploader follows and confirms a file; another member is told it is in hand rather than shown it.
            return existing.UploadedById == user.FindFirstValue(ClaimTypes.NameIdentifier)
                ? new UploadResult(existing.Id, null)
                : new UploadResult(null, l["Tệp này đã được một thành viên khác tải lên; người đó theo dõi và xác nhận việc nhập."]);
        }

        var type = Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".csv" => ExcelType.CSV,
            ".xlsx" => ExcelType.XLSX,
            _ => (ExcelType?)null,
        };
        if (type is null)
        {
            return new UploadResult(null, l["Chỉ nhận tệp .csv hoặc .xlsx."]);
        }

        if (await catalog.CurrentAsync(cancellationToken) is not { } questionnaire)
        {
            return new UploadResult(null, l["Bảng hỏi không tồn tại hoặc chưa được ban hành."]);
        }

        List<IDictionary<string, object?>> rows;
        try
        {
            using var stream = new MemoryStream(content);
            rows = [.. stream.Query(useHeaderRow: true, excelType: type.Value).Cast<IDictionary<string, object?>>()];
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new UploadResult(null, l["Không đọc được tệp; vui lòng dùng tệp mẫu và lưu dưới dạng .csv (UTF-8) hoặc .xlsx."]);
        }

        var expected = Columns(questionnaire);
        var headers = rows.Count == 0 ? [] : rows[0].Keys.Select(k => k.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = expected.Where(c => !headers.Contains(c)).ToList();
        if (rows.Count == 0 || missing.Count > 0)
        {
            return new UploadResult(null, l["Tệp thiếu cột: {0}. Vui lòng dùng tệp mẫu của bảng hỏi hiện hành.", string.Join(", ", missing)]);
        }

        var file = new ImportFile
        {
            Sha256 = sha, FileName = Path.GetFileName(fileName) is { Length: <= 200 } name ? name : "tep-nhap", QuestionnaireId = questionnaire.Id,
            UploadedById = user.FindFirstValue(ClaimTypes.NameIdentifier)!, UploadedAt = clock.GetUtcNow().UtcDateTime, Status = ImportStatus.Checked,
        };

        var checkedRows = new List<ImportRow>();
        var receiptsInFile = new Dictionary<(string, string), int>();
        for (var i = 0; i < rows.Count; i++)
        {
            var cells = rows[i].ToDictionary(c => c.Key.Trim(), c => Cell(c.Value), StringComparer.OrdinalIgnoreCase);
            if (cells.Values.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            var line = i + 2;
            var (row, receipt, errors) = Parse(cells, questionnaire);
            var submission = new SurveySubmission(row.UnitCode, row.FieldCode, SurveyChannel.Import,
                [.. row.Values.Select(v => new SubmittedAnswer(v.Key, v.Value)), .. row.Texts.Select(t => new SubmittedAnswer(t.Key, null, t.Value))],
                receipt, row.Comment, row.ProcedureCode, questionnaire.Id, row.ContactDate);
            var check = await rules.CheckAsync(submission, user, cancellationToken);
            errors.AddRange(check.Errors.Values.SelectMany(m => m));
            if (check.NotIndependent)
            {
                errors.Add(l["Theo nguyên tắc độc lập, Ông/Bà không được nhập phiếu của đơn vị {0} (đơn vị mình hoặc đơn vị cấp dưới).", row.UnitCode ?? ""]);
            }

            if (receipt is not null && check.Unit?.Id is { } unitId && errors.Count == 0)
            {
                var normalised = ReceiptHasher.Normalise(receipt);
                if (receiptsInFile.TryGetValue((row.UnitCode!, normalised), out var earlier))
                {
                    errors.Add(l["Mã hồ sơ trùng với dòng {0} của tệp.", earlier]);
                }
                else
                {
                    receiptsInFile[(row.UnitCode!, normalised)] = line;
                    var hash = await receipts.HashAsync(receipt, cancellationToken);
                    if (await db.SurveyResponses.AnyAsync(r => r.UnitId == unitId && r.ReceiptHash == hash, cancellationToken))
                    {
                        errors.Add(l["Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ được đánh giá một lần."]);
                    }
                }
            }

            checkedRows.Add(new ImportRow
            {
                Line = line, Data = JsonSerializer.Serialize(row), Error = errors.Count == 0 ? null : string.Join("; ", errors.Distinct()),
                ReceiptProtected = receipt is null ? null : ReceiptProtector.Protect(receipt),
            });
        }

        file.TotalRows = checkedRows.Count;
        file.ErrorRows = checkedRows.Count(r => r.Error is not null);
        if (file.TotalRows == 0)
        {
            return new UploadResult(null, l["Tệp không có dòng dữ liệu nào."]);
        }

        db.ImportFiles.Add(file);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same file was uploaded at the same moment elsewhere; that upload stands.
            db.ChangeTracker.Clear();
            return new UploadResult(await db.ImportFiles.Where(f => f.Sha256 == sha).Select(f => f.Id).SingleAsync(cancellationToken), null);
        }

        foreach (var chunk in checkedRows.Chunk(1000))
        {
            foreach (var row in chunk)
            {
                row.ImportFileId = file.Id;
            }

            db.ImportRows.AddRange(chunk);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        return new UploadResult(file.Id, null);
    }

    /// <summary>Imports the next chunk of a confirmed file; true while rows remain.</summary>
    public async Task<bool> ImportChunkAsync(Guid fileId, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var file = await db.ImportFiles.SingleOrDefaultAsync(f => f.Id == fileId, cancellationToken);
        if (file is null || file.ErrorRows > 0 || file.Status == ImportStatus.Done)
        {
            return false;
        }

        if (file.Status == ImportStatus.Checked)
        {
            file.Status = ImportStatus.Importing;
            await db.SaveChangesAsync(cancellationToken);
        }

        var rows = await db.ImportRows.Where(r => r.ImportFileId == fileId && r.Outcome == ImportRowOutcome.Pending)
            .OrderBy(r => r.Line).Take(ChunkSize).ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            var data = JsonSerializer.Deserialize<ImportedRowData>(row.Data)!;
            var id = ImportRow.StableResponseId(file.Sha256, row.Line);
            var submission = new SurveySubmission(data.UnitCode, data.FieldCode, SurveyChannel.Import,
                [.. data.Values.Select(v => new SubmittedAnswer(v.Key, v.Value)), .. data.Texts.Select(t => new SubmittedAnswer(t.Key, null, t.Value))],
                row.ReceiptProtected is null ? null : ReceiptProtector.Unprotect(row.ReceiptProtected), data.Comment, data.ProcedureCode,
                file.QuestionnaireId, data.ContactDate, Id: id);
            // The row's stable id makes a re-import (or a chunk retried after a crash) a no-op for rows already stored.
            var outcome = await recorder.RecordAsync(submission, user, cancellationToken);

            (row.Outcome, row.ResponseId, row.Error) = outcome.Status switch
            {
                RecordStatus.Created => (ImportRowOutcome.Imported, outcome.Id, (string?)null),
                RecordStatus.DuplicateReceipt => (ImportRowOutcome.Skipped, null, l["Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ được đánh giá một lần."].Value),
                RecordStatus.NotIndependent => (ImportRowOutcome.Skipped, null, l["Theo nguyên tắc độc lập, Ông/Bà không được nhập phiếu của đơn vị {0} (đơn vị mình hoặc đơn vị cấp dưới).", data.UnitCode ?? ""].Value),
                _ => (ImportRowOutcome.Skipped, null, string.Join("; ", outcome.Errors?.Values.SelectMany(m => m) ?? [])),
            };
            row.ReceiptProtected = null;
        }

        await db.SaveChangesAsync(cancellationToken);
        var counts = await db.ImportRows.Where(r => r.ImportFileId == fileId).GroupBy(r => r.Outcome)
            .Select(g => new { Outcome = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        file.ImportedRows = counts.Where(c => c.Outcome == ImportRowOutcome.Imported).Sum(c => c.Count);
        file.SkippedRows = counts.Where(c => c.Outcome == ImportRowOutcome.Skipped).Sum(c => c.Count);
        var more = counts.Any(c => c.Outcome == ImportRowOutcome.Pending && c.Count > 0);
        if (!more)
        {
            file.Status = ImportStatus.Done;
        }

        await db.SaveChangesAsync(cancellationToken);
        return more;
    }

    private (ImportedRowData Row, string? Receipt, List<string> Errors) Parse(Dictionary<string, string?> cells, QuestionnaireView questionnaire)
    {
        var errors = new List<string>();
        string? Get(string column) => cells.TryGetValue(column, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        DateOnly? date = null;
        if (Get(ContactDate) is { } rawDate)
        {
            if (DateOnly.TryParseExact(rawDate, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                date = parsed;
            }
            else
            {
                errors.Add(l["Cột {0}: “{1}” không phải là ngày hợp lệ (dùng dạng ngày/tháng/năm, ví dụ 05/01/2026).", ContactDate, rawDate]);
            }
        }

        var values = new Dictionary<int, int>();
        var texts = new Dictionary<int, string>();
        foreach (var question in questionnaire.AllQuestions)
        {
            if (Get(question.Code) is not { } raw)
            {
                continue;
            }

            if (question.Scale is null)
            {
                texts[question.Id] = raw;
            }
            else if (int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                || (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && real == Math.Floor(real) && (value = (int)real) == real))
            {
                values[question.Id] = value;
            }
            else
            {
                errors.Add(l["Cột {0}: “{1}” không phải là một số trong thang đo.", question.Code, raw]);
            }
        }

        return (new ImportedRowData(Get(Unit), Get(Field), Get(Procedure), date, values, texts, Get(Comment)), Get(Receipt), errors);
    }

    private static string? Cell(object? value) => value switch
    {
        null => null,
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double d => d.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
