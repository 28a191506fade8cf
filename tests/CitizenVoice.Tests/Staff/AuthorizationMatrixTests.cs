using System.Net;
using CitizenVoice.Features.Feedback;
using CitizenVoice.Features.News;
using CitizenVoice.Features.Surveys;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenVoice.Tests.Staff;

/// <summary>
/// Who may open what, for every page and endpoint the app maps (read from its endpoint data sources, so a page added
/// later is covered without anyone remembering to): each demo account and an anonymous visitor tries every staff
/// address — for a resource of their own district and of another — with GET and with a POST carrying a valid form
/// token. Denied requests must be denied, a denied POST must change nothing, and allowed GETs must open. The table of
/// who may open what is kept here explicitly: an address missing from it fails the test.
/// Its own app: these requests touch many tables, and the test compares counts before and after.
/// </summary>
public sealed class AuthorizationMatrixTests(CitizenVoiceApp app) : IClassFixture<CitizenVoiceApp>
{
    private const string Anonymous = "(anonymous)";
    private static readonly string[] Accounts = ["admin", "lanhdao", "lanhdao.nganson", "canbo.nganson", "canbo.babe", "thuky", "khaosat", "bientap"];

    private static readonly string[] All = Accounts;
    private static readonly string[] Admin = ["admin"];
    /// <summary>Runners of dialogues: moderators (the secretary's department works for the whole province), leaders, administrators.</summary>
    private static readonly string[] Dialogue = ["admin", "lanhdao", "lanhdao.nganson", "thuky"];
    private static readonly string[] DialogueOutsideNganSon = ["admin", "lanhdao", "thuky"];
    private static readonly string[] Team = ["khaosat"];
    /// <summary>Who drafts, publishes and assigns questionnaires: the survey team and administrators.</summary>
    private static readonly string[] Questionnaires = ["admin", "khaosat"];
    /// <summary>Staff whose subtree has a rated unit: not the department (BK-PV01) of the secretary and the survey team.</summary>
    private static readonly string[] Rated = ["admin", "lanhdao", "lanhdao.nganson", "canbo.nganson", "canbo.babe"];
    private static readonly string[] Nobody = [];

    /// <summary>One address to try, who may open it, and (by handler name) who may post to a handler when that differs.</summary>
    private sealed record Sample(string Url, string[] Allowed, bool Hides = false, Dictionary<string, string[]>? Handlers = null);

    /// <summary>Ids of real rows the parameterised addresses need: a resource of Ngân Sơn and one of Ba Bể.</summary>
    private sealed record Ids(
        int NganSonSession, int BaBeSession, int Unit, int Field, int Procedure, string StaffId, Guid OthersImport, int Round, int NganSonFeedback, int Contact, int NewsArticle, int Questionnaire, int Reorganisation);

    /// <summary>Who writes and publishes news: editors and administrators.</summary>
    private static readonly string[] Editors = ["admin", "bientap"];
    /// <summary>Who publishes or rejects readers' comments: moderators (secretaries), editors, administrators.</summary>
    private static readonly string[] CommentModerators = ["admin", "thuky", "bientap"];

    /// <summary>Who handles feedback: everyone but the independent survey team and the editor.</summary>
    private static readonly string[] FeedbackHandlers = ["admin", "lanhdao", "lanhdao.nganson", "canbo.nganson", "canbo.babe", "thuky"];

    /// <summary>Who publishes an item of Ngân Sơn on the "Hỏi đáp" page: moderators and leaders whose scope covers it (the secretary's department does not).</summary>
    private static readonly string[] FeedbackModerators = ["admin", "lanhdao", "lanhdao.nganson"];

    /// <summary>Who reads feedback figures: leaders and administrators.</summary>
    private static readonly string[] Leaders = ["admin", "lanhdao", "lanhdao.nganson"];

    /// <summary>Who opens the work list of written answers: officers draft, leaders approve, administrators oversee.</summary>
    private static readonly string[] Answerers = ["admin", "lanhdao", "lanhdao.nganson", "canbo.nganson", "canbo.babe"];

    /// <summary>Every staff address by route pattern. Public ones are listed in <see cref="Public"/>.</summary>
    private static Dictionary<string, Sample[]> Expected(Ids ids) => new()
    {
        ["/quan-tri"] = [new("/quan-tri", All)],
        ["/tai-khoan"] = [new("/tai-khoan", All)],
        ["/tai-khoan/giu-phien"] = [new("/tai-khoan/giu-phien", All)],
        ["/quan-tri/nhat-ky"] = [new("/quan-tri/nhat-ky", Admin)],
        ["/quan-tri/doi-thoai/cam-ket"] = [new("/quan-tri/doi-thoai/cam-ket", All, Handlers: new() { ["Remind"] = Admin })],
        ["/quan-tri/viec-duoc-giao"] = [new("/quan-tri/viec-duoc-giao", Answerers)],
        ["/quan-tri/doi-thoai/tuan-thu"] = [new("/quan-tri/doi-thoai/tuan-thu", Dialogue)],
        ["/quan-tri/tiep-cong-dan"] = [new("/quan-tri/tiep-cong-dan", Dialogue)],
        ["/quan-tri/doi-thoai/them"] = [new("/quan-tri/doi-thoai/them", Dialogue)],
        ["/quan-tri/doi-thoai"] = [new("/quan-tri/doi-thoai", Dialogue)],
        ["/quan-tri/doi-thoai/{id:int}/sua"] = Sessions(ids, "/quan-tri/doi-thoai/{0}/sua"),
        ["/quan-tri/doi-thoai/{id:int}/diem-danh"] = Sessions(ids, "/quan-tri/doi-thoai/{0}/diem-danh"),
        ["/quan-tri/doi-thoai/{id:int}/dieu-phoi"] = Sessions(ids, "/quan-tri/doi-thoai/{0}/dieu-phoi"),
        ["/quan-tri/doi-thoai/{id:int}/bien-ban.docx"] = Sessions(ids, "/quan-tri/doi-thoai/{0}/bien-ban.docx"),
        ["/quan-tri/doi-thoai/{id:int}/bien-ban.pdf"] = Sessions(ids, "/quan-tri/doi-thoai/{0}/bien-ban.pdf"),
        ["/quan-tri/don-vi"] = [new("/quan-tri/don-vi", Admin)],
        ["/quan-tri/don-vi/them"] = [new("/quan-tri/don-vi/them", Admin)],
        ["/quan-tri/don-vi/{id:int}/sua"] = [new($"/quan-tri/don-vi/{ids.Unit}/sua", Admin)],
        ["/quan-tri/don-vi/{id:int}/sap-nhap"] = [new($"/quan-tri/don-vi/{ids.Unit}/sap-nhap", Admin)],
        ["/quan-tri/to-chuc-lai"] = [new("/quan-tri/to-chuc-lai", Admin)],
        ["/quan-tri/to-chuc-lai/{id:int}"] = [new($"/quan-tri/to-chuc-lai/{ids.Reorganisation}", Admin)],
        ["/quan-tri/to-chuc-lai/mau.csv"] = [new("/quan-tri/to-chuc-lai/mau.csv", Admin)],
        ["/quan-tri/to-chuc-lai/mau.xlsx"] = [new("/quan-tri/to-chuc-lai/mau.xlsx", Admin)],
        ["/quan-tri/linh-vuc"] = [new("/quan-tri/linh-vuc", Admin)],
        ["/quan-tri/linh-vuc/them"] = [new("/quan-tri/linh-vuc/them", Admin)],
        ["/quan-tri/linh-vuc/{id:int}/sua"] = [new($"/quan-tri/linh-vuc/{ids.Field}/sua", Admin)],
        ["/quan-tri/thu-tuc"] = [new("/quan-tri/thu-tuc", Admin)],
        ["/quan-tri/thu-tuc/them"] = [new("/quan-tri/thu-tuc/them", Admin)],
        ["/quan-tri/thu-tuc/{id:int}/sua"] = [new($"/quan-tri/thu-tuc/{ids.Procedure}/sua", Admin)],
        ["/quan-tri/can-bo"] = [new("/quan-tri/can-bo", Admin)],
        ["/quan-tri/can-bo/them"] = [new("/quan-tri/can-bo/them", Admin)],
        ["/quan-tri/can-bo/{id:guid}"] = [new($"/quan-tri/can-bo/{ids.StaffId}", Admin)],
        ["/quan-tri/cai-dat"] = [new("/quan-tri/cai-dat", Admin)],
        ["/can-bo/don-vi/{code}"] =
        [
            new("/can-bo/don-vi/BK-NS-VT", ["admin", "lanhdao", "lanhdao.nganson", "canbo.nganson"]),
            new("/can-bo/don-vi/BK-BB", ["admin", "lanhdao", "canbo.babe"]),
        ],
        ["/quan-tri/ket-qua-hai-long"] = [new("/quan-tri/ket-qua-hai-long", Rated)],
        ["/quan-tri/ket-qua-hai-long/gop-y"] = [new("/quan-tri/ket-qua-hai-long/gop-y", Rated)],
        ["/quan-tri/ket-qua-hai-long/xuat.xlsx"] = [new("/quan-tri/ket-qua-hai-long/xuat.xlsx", Rated)],
        ["/quan-tri/ket-qua-hai-long/xuat.csv"] = [new("/quan-tri/ket-qua-hai-long/xuat.csv", Rated)],
        ["/quan-tri/ket-qua-hai-long/du-lieu.xlsx"] = [new("/quan-tri/ket-qua-hai-long/du-lieu.xlsx", Rated)],
        ["/quan-tri/ket-qua-hai-long/bao-cao.pdf"] = [new("/quan-tri/ket-qua-hai-long/bao-cao.pdf", Rated)],
        ["/quan-tri/khao-sat/nhap"] = [new("/quan-tri/khao-sat/nhap", Team)],
        ["/quan-tri/khao-sat/phieu-giay"] = [new("/quan-tri/khao-sat/phieu-giay", Team)],
        ["/quan-tri/khao-sat/phieu-giay/mau.pdf"] = [new("/quan-tri/khao-sat/phieu-giay/mau.pdf", Team)],
        ["/quan-tri/khao-sat/doi-chieu"] = [new("/quan-tri/khao-sat/doi-chieu", Team)],
        ["/quan-tri/khao-sat/doi-chieu/{id:guid}"] = [new($"/quan-tri/khao-sat/doi-chieu/{Guid.Empty}", Team)],
        ["/quan-tri/khao-sat/in"] = [new("/quan-tri/khao-sat/in", Team)],
        ["/quan-tri/khao-sat/nhap-tep"] = [new("/quan-tri/khao-sat/nhap-tep", Team)],
        ["/quan-tri/khao-sat/nhap-tep/mau.csv"] = [new("/quan-tri/khao-sat/nhap-tep/mau.csv", Team)],
        ["/quan-tri/khao-sat/nhap-tep/mau.xlsx"] = [new("/quan-tri/khao-sat/nhap-tep/mau.xlsx", Team)],
        // Another member's upload: nobody but its uploader reads or imports it.
        ["/quan-tri/khao-sat/nhap-tep/{id:guid}"] = [new($"/quan-tri/khao-sat/nhap-tep/{ids.OthersImport}", Nobody, Hides: true)],
        ["/quan-tri/khao-sat/dot"] = [new("/quan-tri/khao-sat/dot", Team)],
        ["/quan-tri/khao-sat/dot/them"] = [new("/quan-tri/khao-sat/dot/them", Team)],
        ["/quan-tri/khao-sat/dot/{id:int}"] = [new($"/quan-tri/khao-sat/dot/{ids.Round}", Team)],
        ["/quan-tri/khao-sat/kiem-tra"] = [new("/quan-tri/khao-sat/kiem-tra", Admin)],
        ["/quan-tri/khao-sat/bang-hoi"] = [new("/quan-tri/khao-sat/bang-hoi", Questionnaires)],
        ["/quan-tri/khao-sat/bang-hoi/{id:int}"] = [new($"/quan-tri/khao-sat/bang-hoi/{ids.Questionnaire}", Questionnaires)],
        ["/quan-tri/khao-sat/bang-hoi/{id:int}/xem-truoc"] = [new($"/quan-tri/khao-sat/bang-hoi/{ids.Questionnaire}/xem-truoc", Questionnaires)],
        ["/quan-tri/lich-lam-viec"] = [new("/quan-tri/lich-lam-viec", Admin)],
        ["/quan-tri/danh-ba"] = [new("/quan-tri/danh-ba", Admin)],
        ["/quan-tri/danh-ba/them"] = [new("/quan-tri/danh-ba/them", Admin)],
        ["/quan-tri/danh-ba/{id:int}/sua"] = [new($"/quan-tri/danh-ba/{ids.Contact}/sua", Admin)],
        ["/quan-tri/phan-anh-kien-nghi"] = [new("/quan-tri/phan-anh-kien-nghi", FeedbackHandlers)],
        ["/quan-tri/tin-tuc"] = [new("/quan-tri/tin-tuc", Editors)],
        ["/quan-tri/tin-tuc/them"] = [new("/quan-tri/tin-tuc/them", Editors)],
        ["/quan-tri/tin-tuc/{id:int}/sua"] = [new($"/quan-tri/tin-tuc/{ids.NewsArticle}/sua", Editors)],
        ["/quan-tri/tin-tuc/y-kien"] = [new("/quan-tri/tin-tuc/y-kien", CommentModerators)],
        ["/quan-tri/phan-anh-kien-nghi/nhap"] = [new("/quan-tri/phan-anh-kien-nghi/nhap", FeedbackHandlers)],
        // An item of Ngân Sơn: its unit and the province handle it, a leader approves; Ba Bể and the departments do not see it.
        ["/quan-tri/phan-anh-kien-nghi/{id:int}"] =
        [
            new($"/quan-tri/phan-anh-kien-nghi/{ids.NganSonFeedback}", ["admin", "lanhdao", "lanhdao.nganson", "canbo.nganson"], Hides: true,
                Handlers: new()
                {
                    ["Approve"] = ["lanhdao", "lanhdao.nganson"], ["Return"] = ["lanhdao", "lanhdao.nganson"],
                    // Staff of the unit propose a question and answer for publication; its moderators and leaders publish it.
                    ["SavePublication"] = FeedbackModerators, ["Publish"] = FeedbackModerators, ["Withdraw"] = FeedbackModerators,
                }),
        ],
        ["/quan-tri/phan-anh-kien-nghi/hoi-dap"] = [new("/quan-tri/phan-anh-kien-nghi/hoi-dap", ["admin", "lanhdao", "lanhdao.nganson", "thuky"])],
        ["/quan-tri/phan-anh-kien-nghi/so-lieu"] = [new("/quan-tri/phan-anh-kien-nghi/so-lieu", Leaders)],
        ["/quan-tri/phan-anh-kien-nghi/so-lieu/xuat.xlsx"] = [new("/quan-tri/phan-anh-kien-nghi/so-lieu/xuat.xlsx", Leaders)],
        ["/quan-tri/phan-anh-kien-nghi/so-lieu/xuat.csv"] = [new("/quan-tri/phan-anh-kien-nghi/so-lieu/xuat.csv", Leaders)],
        ["/quan-tri/phan-anh-kien-nghi/so-lieu/bao-cao.pdf"] = [new("/quan-tri/phan-anh-kien-nghi/so-lieu/bao-cao.pdf", Leaders)],
    };

    /// <summary>A dialogue of Ngân Sơn (its leader runs it) and one of Ba Bể (another district: not theirs).</summary>
    private static Sample[] Sessions(Ids ids, string format) =>
    [
        new(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, ids.NganSonSession), Dialogue, Hides: true),
        new(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, ids.BaBeSession), DialogueOutsideNganSon, Hides: true),
    ];

    /// <summary>Addresses for everybody, by route pattern: each is marked AllowAnonymous in its feature.</summary>
    private static readonly HashSet<string> Public =
    [
        "/", "/loi", "/khong-co-quyen", "/dang-nhap", "/dang-nhap/ma-xac-thuc", "/dang-xuat", "/ngon-ngu", "/site/logo",
        "/don-vi", "/ket-qua-khao-sat", "/khao-sat", "/khao-sat/cam-on", "/khao-sat/{unitCode}/{fieldCode}",
        "/khao-sat/{unitCode}/{fieldCode}/tung-buoc",        "/khao-sat/kiosk/{unitCode}/{fieldCode}", "/khao-sat/{unitCode}/{fieldCode}/qr.png", "/khao-sat/{unitCode}/{fieldCode}/ap-phich.pdf",
        "/doi-thoai", "/doi-thoai/{id:int}", "/doi-thoai/{id:int}/truc-tiep", "/doi-thoai/thong-ke", "/doi-thoai/lich.ics",
        "/doi-thoai/da-gui", "/doi-thoai/theo-doi", "/doi-thoai/{id:int}/dang-ky/{code}", "/doi-thoai/{id:int}/bien-ban.pdf", "/doi-thoai/tra-loi.rss", "/api/v1/dialogues/questions/{trackingCode}",
        "/hubs/doi-thoai", "/hubs/doi-thoai/negotiate",
        "/api/v1/units", "/api/v1/units/search", "/api/v1/units/{code}/fields", "/api/v1/fields", "/api/v1/questionnaires/current", "/api/v1/survey-responses", "/api/v1/satisfaction",
        "/api/v1/dialogues/", "/api/v1/dialogues/{id:int}", "/api/v1/dialogues/{id:int}/questions/{questionId:int}",
        "/api/v1/dialogues/{id:int}/questions",
        "/api/v1/holidays", "/api/v1/working-days", "/api/v1/contacts", "/api/v1/feedback/", "/api/v1/feedback/{trackingCode}",
        "/danh-ba", "/phan-anh-kien-nghi", "/phan-anh-kien-nghi/da-gui", "/phan-anh-kien-nghi/tra-cuu",
        "/phan-anh-kien-nghi/hoi-dap", "/phan-anh-kien-nghi/hoi-dap/{id:int}", "/phan-anh-kien-nghi/hoi-dap/rss",
        "/tin-tuc", "/tin-tuc/{slug}", "/tin-tuc/rss", "/tin-tuc/anh/{id:int}",
        "/openapi/{documentName}.json", "/health/live", "/health/ready",
        // The files under wwwroot (stylesheets, scripts, the emblem), each at its plain and its fingerprinted address.
        StaticFiles,
        // What nothing else answers: "not found" for everybody.
        "{*path}",
    ];

    /// <summary>The static files' endpoints (MapStaticAssets), one per file and address: counted as one entry.</summary>
    private const string StaticFiles = "(static files)";

    private sealed record Mapped(string Pattern, string[] Methods, bool IsPage, bool AllowsAnonymous, IReadOnlyList<(string Method, string? Handler)> Handlers);

    private async Task<List<Mapped>> MappedAsync()
    {
        var source = app.Services.GetRequiredService<EndpointDataSource>();
        var loader = app.Services.GetRequiredService<PageLoader>();
        var mapped = new List<Mapped>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (endpoint.RoutePattern.RawText == "{*path}")
            {
                pattern = "{*path}";
            }

            if (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is not null)
            {
                pattern = StaticFiles;
            }

            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.ToArray() ?? [];
            var handlers = new List<(string, string?)>();
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                handlers.AddRange(compiled.HandlerMethods.Select(h => (h.HttpMethod.ToUpperInvariant(), h.Name)));
                anonymous = anonymous || compiled.EndpointMetadata.OfType<IAllowAnonymous>().Any();
                mapped.Add(new Mapped(pattern, ["GET", "POST"], true, anonymous, handlers));
            }
            else
            {
                mapped.Add(new Mapped(pattern, methods.Length == 0 ? ["GET"] : methods, false, anonymous, [.. methods.Select(m => (m, (string?)null))]));
            }
        }

        return mapped;
    }

    [Fact]
    public async Task Every_page_and_endpoint_is_either_listed_as_public_or_in_the_staff_table_and_nothing_else_is_public()
    {
        var ids = await IdsAsync();
        var expected = Expected(ids);
        var mapped = await MappedAsync();
        var patterns = mapped.Select(m => m.Pattern).ToHashSet();

        var unlisted = patterns.Where(p => !Public.Contains(p) && !expected.ContainsKey(p)).Order(StringComparer.Ordinal).ToList();
        Assert.True(unlisted.Count == 0, "Add these addresses to the authorization table: " + string.Join(", ", unlisted));
        var stale = Public.Concat(expected.Keys).Where(p => !patterns.Contains(p)).Order(StringComparer.Ordinal).ToList();
        Assert.True(stale.Count == 0, "These addresses are in the table but no longer mapped: " + string.Join(", ", stale));

        var wronglyPublic = mapped.Where(m => m.AllowsAnonymous && !Public.Contains(m.Pattern)).Select(m => m.Pattern).ToList();
        Assert.True(wronglyPublic.Count == 0, "Staff addresses open to anonymous visitors: " + string.Join(", ", wronglyPublic));
        var notMarked = mapped.Where(m => !m.AllowsAnonymous && Public.Contains(m.Pattern)).Select(m => m.Pattern).ToList();
        Assert.True(notMarked.Count == 0, "Public addresses not marked AllowAnonymous: " + string.Join(", ", notMarked));
    }

    [Fact]
    public async Task Every_role_opens_only_its_own_staff_pages_for_its_own_units_and_a_denied_post_changes_nothing()
    {
        var ids = await IdsAsync();
        var expected = Expected(ids);
        var mapped = (await MappedAsync()).Where(m => expected.ContainsKey(m.Pattern)).ToList();
        var clients = new Dictionary<string, (StaffClient Client, string Token)>();
        try
        {
            foreach (var user in Accounts.Prepend(Anonymous))
            {
                var client = app.CreateStaffClient();
                if (user != Anonymous)
                {
                    await client.SignInAsync(user);
                }

                clients[user] = (client, await FormTokenAsync(client));
            }

            var failures = new List<string>();
            foreach (var endpoint in mapped)
            {
                foreach (var sample in expected[endpoint.Pattern])
                {
                    foreach (var (user, (client, token)) in clients)
                    {
                        // GET for everybody; POST (the page's handlers, or the endpoint's own) for those denied it, so an
                        // allowed user's post does not change the data the other checks read.
                        var tries = new List<(string Method, string? Handler)>();
                        if (endpoint.Methods.Contains("GET"))
                        {
                            tries.Add(("GET", null));
                        }

                        tries.AddRange(endpoint.Handlers.Where(h => h.Method == "POST").Distinct());
                        // A page without a plain post handler is still posted to: the denial must come before the page is reached.
                        if (endpoint.Methods.Contains("POST"))
                        {
                            tries.Add(("POST", null));
                        }

                        foreach (var (method, handler) in tries.Distinct())
                        {
                            var allowed = handler is not null && sample.Handlers?.TryGetValue(handler, out var byHandler) == true ? byHandler : sample.Allowed;
                            var mayOpen = user != Anonymous && allowed.Contains(user);
                            if (method == "POST" && mayOpen)
                            {
                                continue;
                            }

                            var url = handler is null ? sample.Url : sample.Url + (sample.Url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=" + handler;
                            var before = method == "POST" ? await FingerprintAsync() : "";
                            using var request = new HttpRequestMessage(new HttpMethod(method), url);
                            if (method == "POST")
                            {
                                request.Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
                                request.Headers.Add("X-CSRF-TOKEN", token);
                            }

                            using var response = await client.Http.SendAsync(request);
                            var denied = IsDenied(response, sample.Hides);
                            if (denied == mayOpen)
                            {
                                failures.Add($"{user} {method} {url}: {(mayOpen ? "should open" : "should be denied")}, got {(int)response.StatusCode} {response.Headers.Location}");
                            }

                            if (method == "POST" && !mayOpen && await FingerprintAsync() is var after && after != before)
                            {
                                failures.Add($"{user} POST {url} was denied but changed the data: {before} → {after}");
                            }
                        }
                    }
                }
            }

            Assert.True(failures.Count == 0, string.Join('\n', failures));
        }
        finally
        {
            foreach (var (client, _) in clients.Values)
            {
                client.Dispose();
            }
        }
    }

    private static bool IsDenied(HttpResponseMessage response, bool hides)
    {
        var location = response.Headers.Location?.OriginalString ?? "";
        // 405: a post to a page that has no handler for it reaches no code at all.
        return response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.MethodNotAllowed
            || (hides && response.StatusCode == HttpStatusCode.NotFound)
            || (response.StatusCode == HttpStatusCode.Redirect
                && (location.StartsWith("/dang-nhap", StringComparison.Ordinal) || location.StartsWith("/khong-co-quyen", StringComparison.Ordinal)
                    || location.Contains("://localhost/dang-nhap", StringComparison.Ordinal) || location.Contains("://localhost/khong-co-quyen", StringComparison.Ordinal)));
    }

    /// <summary>A form token of the client's own session, as every page's language switch carries.</summary>
    private static async Task<string> FormTokenAsync(StaffClient client)
    {
        var home = await client.GetPageAsync("/");
        return home.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("The home page carries no form token.");
    }

    /// <summary>What a staff post could change, counted: any difference after a denied post is a leak.</summary>
    private Task<string> FingerprintAsync() => app.WithDbAsync(async db => string.Join(' ',
        await db.AuditLog.CountAsync(), await db.Units.CountAsync(u => u.ValidTo == null && u.SuccessorId == null), await db.Users.CountAsync(),
        await db.Fields.CountAsync(f => f.IsActive), await db.Procedures.CountAsync(p => p.IsActive), await db.SurveyResponses.CountAsync(r => !r.IsDeleted),
        await db.PaperEntries.CountAsync(), await db.ImportRows.CountAsync(r => r.Outcome != ImportRowOutcome.Pending),
        await db.DialogueSessions.CountAsync(), await db.Opinions.CountAsync(), await db.Commitments.CountAsync(), await db.Registrations.CountAsync(r => r.CheckedInAt != null),
        await db.ReceptionDays.CountAsync(), await db.SurveyRounds.CountAsync(),
        await db.FeedbackItems.CountAsync(), await db.FeedbackEvents.CountAsync(), await db.QuestionAnswers.CountAsync(q => q.Status == QuestionAnswerStatus.Published), await db.ContactPoints.CountAsync(), await db.CalendarDays.CountAsync(),
        await db.NewsArticles.CountAsync(a => a.Status == NewsStatus.Published), await db.NewsImages.CountAsync(),
        await db.NewsComments.CountAsync(c => c.Status == CommentStatus.Pending), await db.NewsArticles.Select(a => a.UpdatedAt).MaxAsync(),
        await db.SiteSettings.Select(s => s.UpdatedAt).MaxAsync(),
        string.Join(',', await db.DialogueSessions.OrderBy(s => s.Id).Select(s => s.Status).ToListAsync())));

    private Task<Ids> IdsAsync() => app.WithDbAsync(async db =>
    {
        var nganSon = await db.Units.Where(u => u.Code == "BK-NS").Select(u => u.Path).SingleAsync();
        var baBe = await db.Units.Where(u => u.Code == "BK-BB").Select(u => u.Path).SingleAsync();
        var sessions = await db.DialogueSessions.Select(s => new { s.Id, s.HostUnit!.Path }).ToListAsync();
        var admin = await db.Users.Where(u => u.UserName == "admin").Select(u => u.Id).SingleAsync();
        var babe = await db.Users.Where(u => u.UserName == "canbo.babe").Select(u => u.Id).SingleAsync();
        var file = await db.ImportFiles.Where(f => f.FileName == "cua-quan-tri.csv").Select(f => (Guid?)f.Id).SingleOrDefaultAsync();
        if (file is null)
        {
            var questionnaire = await db.Questionnaires.Select(q => q.Id).FirstAsync();
            var upload = new ImportFile
            {
                Sha256 = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"), FileName = "cua-quan-tri.csv", QuestionnaireId = questionnaire,
                UploadedById = admin, UploadedAt = DateTime.UtcNow, Status = ImportStatus.Checked,
            };
            db.ImportFiles.Add(upload);
            await db.SaveChangesAsync();
            file = upload.Id;
        }

        var nganSonUnit = await db.Units.Where(u => u.Code == "BK-NS").Select(u => u.Id).SingleAsync();
        var feedback = await db.FeedbackItems.Where(f => f.AssignedUnitId == nganSonUnit).Select(f => (int?)f.Id).FirstOrDefaultAsync();
        if (feedback is null)
        {
            var item = new FeedbackItem
            {
                TrackingCode = "PA-2026-MATRIX", SecretHash = "-", Kind = FeedbackKind.Report, Channel = FeedbackChannel.Web,
                FieldId = await db.Fields.OrderBy(f => f.Id).Select(f => f.Id).FirstAsync(), ReceivingUnitId = nganSonUnit, AssignedUnitId = nganSonUnit,
                Subject = "Phản ánh để kiểm tra quyền", Content = "Nội dung phản ánh dùng để kiểm tra quyền truy cập.",
                ReceivedAt = DateTime.UtcNow, ReceivedOn = app.Today, Status = FeedbackStatus.Received, DueOn = app.Today.AddDays(2),
            };
            db.FeedbackItems.Add(item);
            await db.SaveChangesAsync();
            feedback = item.Id;
        }

        // A checked file whose only row names a unit that does not exist: the administrator's allowed post is refused
        // by the check again, so trying it changes nothing.
        var reorganisation = await db.Reorganisations.Where(r => r.FileName == "kiem-tra-quyen.csv").Select(r => (int?)r.Id).SingleOrDefaultAsync();
        if (reorganisation is null)
        {
            var entry = new Features.Organisation.Reorganisation
            {
                FileName = "kiem-tra-quyen.csv", Sha256 = new string('0', 64), EffectiveDate = new DateOnly(2025, 7, 1),
                UploadedBy = "admin", UploadedAt = DateTime.UtcNow,
            };
            db.Reorganisations.Add(entry);
            await db.SaveChangesAsync();
            db.ReorganisationUploads.Add(new Features.Organisation.ReorganisationUpload
            {
                ReorganisationId = entry.Id,
                Content = System.Text.Encoding.UTF8.GetBytes("NgayHieuLuc,HanhDong,MaCu,MaMoi,TenMoi,LoaiDiaBan,Cap,MaCapTren,MaGSO,TaiKhoan\r\n2025-07-01,Đổi tên,KHONG-CO,,Tên,,,,,\r\n"),
            });
            await db.SaveChangesAsync();
            reorganisation = entry.Id;
        }

        return new Ids(
            sessions.First(s => s.Path.StartsWith(nganSon, StringComparison.Ordinal)).Id,
            sessions.First(s => s.Path.StartsWith(baBe, StringComparison.Ordinal)).Id,
            await db.Units.Where(u => u.Code == "BK-NS-VT").Select(u => u.Id).SingleAsync(),
            await db.Fields.OrderBy(f => f.Id).Select(f => f.Id).FirstAsync(),
            await db.Procedures.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync(),
            babe, file.Value,
            await db.SurveyRounds.OrderBy(r => r.Id).Select(r => r.Id).FirstOrDefaultAsync(),
            feedback.Value, await db.ContactPoints.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync(),
            await db.NewsArticles.OrderBy(a => a.Id).Select(a => a.Id).FirstAsync(),
            await db.Questionnaires.Where(q => q.IsCurrent).Select(q => q.Id).FirstAsync(), reorganisation.Value);
    });
}
