// CitizenVoice benchmarks: a program, not a test. See README.md in this folder for what each command measures.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CitizenVoice.Bench;
using CitizenVoice.Data;
using CitizenVoice.Features.Satisfaction;
using CitizenVoice.Features.Surveys;
using CitizenVoice.Features.Surveys.Rollups;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var command = args.FirstOrDefault() ?? "help";
string Arg(string name, string fallback) => args.SkipWhile(a => a != "--" + name).Skip(1).FirstOrDefault() ?? fallback;
var root = Path.GetFullPath(Arg("root", Path.Combine(AppContext.BaseDirectory, "../../../../..")));
var provider = Arg("provider", "Sqlite");
var postgres = Arg("postgres", "Host=127.0.0.1;Port=55999;Username=postgres;Database=postgres");
var work = Directory.CreateTempSubdirectory("cv-bench-").FullName;
// --database reuses a database an earlier run generated (generation is the slow part).
var existing = Arg("database", "");
var database = existing.Length > 0 ? existing : provider == "Postgres" ? "cv_bench_" + Guid.NewGuid().ToString("N")[..8] : Path.Combine(work, "bench.db");
const string Password = "Bench-Password-2026!";
// The app's port: two runs (say SQLite and PostgreSQL) can then share the machine, though not its two cores.
var port = int.Parse(Arg("port", "5099"), CultureInfo.InvariantCulture);

Dictionary<string, string> Settings(params (string, string)[] extra)
{
    var settings = new Dictionary<string, string>
    {
        ["Database:Provider"] = provider, ["Seed:DemoResponses"] = "0", ["Seed:DemoPassword"] = Password, ["Seed:Reorganisation2025"] = "false",
        ["RateLimits:PublicWritesPerMinute"] = "100000000", ["RateLimits:PublicWritesGlobalPerMinute"] = "100000000",
        ["RateLimits:ApiReadsPerMinute"] = "100000000",
    };
    if (provider == "Postgres")
    {
        settings["ConnectionStrings:Postgres"] = new Npgsql.NpgsqlConnectionStringBuilder(postgres) { Database = database, MaxPoolSize = 200 }.ToString();
    }
    else
    {
        settings["ConnectionStrings:Sqlite"] = $"Data Source={database}";
    }

    foreach (var (k, v) in extra)
    {
        settings[k] = v;
    }

    return settings;
}

async Task CreateDatabaseAsync()
{
    if (provider == "Postgres")
    {
        await using var admin = new Npgsql.NpgsqlConnection(postgres);
        await admin.OpenAsync();
        await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {database}", admin);
        await create.ExecuteNonQueryAsync();
    }

    // The app itself migrates and seeds the organisation, accounts and questionnaires.
    await using var app = await AppProcess.StartAsync(root, port, Settings());
}

ServiceProvider InProcess()
{
    var services = new ServiceCollection();
    var settings = Settings();
    if (provider == "Postgres")
    {
        services.AddDbContext<AppDb, PostgresAppDb>(o => o.UseNpgsql(settings["ConnectionStrings:Postgres"], n => n.CommandTimeout(3600)));
    }
    else
    {
        services.AddDbContext<AppDb, SqliteAppDb>(o => o.UseSqlite(settings["ConnectionStrings:Sqlite"], s => s.CommandTimeout(3600)));
    }

    services.Configure<DatabaseOptions>(o => o.Provider = provider).AddSingleton<WriteGate>();
    services.AddMemoryCache().AddSingleton(TimeProvider.System).AddScoped<QuestionnaireCatalog>().AddScoped<SyntheticResponses>()
        .AddScoped<SatisfactionReport>().AddScoped<RollupReader>().AddScoped<RollupCheck>()
        .AddSingleton<PendingRollupFold>().AddSingleton<CitizenVoice.Infrastructure.AppMetrics>().AddMetrics().AddLogging();
    return services.BuildServiceProvider();
}

static string Percentiles(List<double> ms)
{
    ms.Sort();
    double P(double p) => ms[Math.Min(ms.Count - 1, (int)Math.Ceiling(p * ms.Count) - 1)];
    return $"median {P(0.5):F1} ms, p99 {P(0.99):F1} ms, max {ms[^1]:F1} ms over {ms.Count} queries";
}

switch (command)
{
    case "results":
    {
        var responses = long.Parse(Arg("responses", "1000000"), CultureInfo.InvariantCulture);
        var queries = int.Parse(Arg("queries", "300"), CultureInfo.InvariantCulture);
        await using var services = InProcess();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var clock = Stopwatch.StartNew();
        if (existing.Length > 0)
        {
            await using var scope = services.CreateAsyncScope();
            responses = await scope.ServiceProvider.GetRequiredService<AppDb>().DailyRollups.SumAsync(r => r.Responses);
            Console.WriteLine($"# results benchmark: {responses:N0} responses on {provider} (existing database)");
        }
        else
        {
            Console.WriteLine($"# results benchmark: {responses:N0} responses on {provider}");
            await CreateDatabaseAsync();
            await using var scope = services.CreateAsyncScope();
            var reported = 0L;
            await scope.ServiceProvider.GetRequiredService<SyntheticResponses>().GenerateAsync(responses, today.AddYears(-2).AddDays(1), today, 7,
                done => { if (done / 500_000 > reported) { reported = done / 500_000; Console.WriteLine($"  generated {done:N0} ({done / clock.Elapsed.TotalSeconds:N0}/s)"); } });
            Console.WriteLine($"generate: {responses:N0} responses in {clock.Elapsed.TotalSeconds:N0} s ({responses / clock.Elapsed.TotalSeconds:N0} responses/s)");
        }

        if (provider == "Sqlite")
        {
            Console.WriteLine($"database file: {new FileInfo(database).Length / 1048576.0:N0} MiB");
        }

        List<string> units;
        List<string> fields;
        List<string> procedures;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            units = await db.Units.Where(u => u.ValidTo == null && u.Level != CitizenVoice.Features.Organisation.UnitLevel.Department).Select(u => u.Code).ToListAsync();
            fields = await db.Fields.Select(f => f.Code).ToListAsync();
            // The busiest procedures of the synthetic data (the first few of each field) and a few rare ones.
            procedures = await db.Procedures.Where(p => p.IsActive).OrderBy(p => p.Id).Select(p => p.Code).ToListAsync();
        }

        var random = new Random(11);
        string RandomQuery()
        {
            var unit = random.Next(4) == 0 ? "BK" : units[random.Next(units.Count)];
            var field = random.Next(3) == 0 ? "" : "&field=" + fields[random.Next(fields.Count)];
            var period = random.Next(4) switch
            {
                0 => $"from={today.Year}-01-01&to={today:yyyy-MM-dd}",
                1 => $"from={today.Year - 1}-01-01&to={today.Year - 1}-12-31",
                2 => $"from={today.AddMonths(-3):yyyy-MM}-01&to={today:yyyy-MM-dd}",
                _ => $"from={today.AddMonths(-12):yyyy-MM}-01&to={today:yyyy-MM-dd}",
            };
            return $"unit={unit}{field}&{period}";
        }

        await using (var app = await AppProcess.StartAsync(root, port, Settings()))
        {
            using var http = new HttpClient { BaseAddress = new Uri(app.Url) };
            // Warm-up, as a server that has run for a while: the first requests run unoptimised code (about 25,000
            // methods are compiled, then recompiled optimised as they get hot), and a province dashboard took 200 ms
            // after 40 requests, 60 ms once the tiered compiler had caught up. So: a minute of mixed requests first.
            var warm = Stopwatch.StartNew();
            while (warm.Elapsed < TimeSpan.FromSeconds(int.Parse(Arg("warmup", "60"), CultureInfo.InvariantCulture)))
            {
                var start = today.AddDays(-random.Next(30, 400));
                await http.GetStringAsync("/api/v1/satisfaction?" + RandomQuery());
                await http.GetStringAsync("/api/v1/satisfaction?" + RandomQuery() + "&channel=kiosk&respondent=citizen");
                await http.GetStringAsync("/ket-qua-khao-sat?" + RandomQuery());
                await http.GetStringAsync($"/ket-qua-khao-sat?unit=BK&from={start:yyyy-MM-dd}&to={start.AddDays(random.Next(7, 120)):yyyy-MM-dd}");
            }

            var api = new List<double>();
            for (var i = 0; i < queries; i++)
            {
                var q = RandomQuery();
                var sw = Stopwatch.StartNew();
                using var r = await http.GetAsync("/api/v1/satisfaction?" + q);
                await r.Content.ReadAsStringAsync();
                api.Add(sw.Elapsed.TotalMilliseconds);
                if (!r.IsSuccessStatusCode) { throw new InvalidOperationException(q + " → " + r.StatusCode); }
            }

            Console.WriteLine($"GET /api/v1/satisfaction (random unit, field, month-aligned period, from the rollups): {Percentiles(api)}");
            var pages = new List<double>();
            var slowest = (Ms: 0.0, Query: "");
            for (var i = 0; i < Math.Min(200, queries); i++)
            {
                var q = RandomQuery();
                var sw = Stopwatch.StartNew();
                await http.GetStringAsync("/ket-qua-khao-sat?" + q);
                pages.Add(sw.Elapsed.TotalMilliseconds);
                slowest = sw.Elapsed.TotalMilliseconds > slowest.Ms ? (sw.Elapsed.TotalMilliseconds, q) : slowest;
            }

            Console.WriteLine($"GET /ket-qua-khao-sat (whole dashboard: index, year earlier, sub-units, months, levels): {Percentiles(pages)}; slowest: {slowest.Query}");
            var channel = new List<double>();
            for (var i = 0; i < Math.Min(100, queries); i++)
            {
                var sw = Stopwatch.StartNew();
                await http.GetStringAsync("/api/v1/satisfaction?" + RandomQuery() + "&channel=kiosk&respondent=citizen");
                channel.Add(sw.Elapsed.TotalMilliseconds);
            }

            Console.WriteLine($"GET /api/v1/satisfaction with channel and respondent filters (monthly rows by channel and respondent type): {Percentiles(channel)}");
            var daily = new List<double>();
            var dailyPages = new List<double>();
            var slowestDaily = (Ms: 0.0, Query: "");
            for (var i = 0; i < Math.Min(100, queries); i++)
            {
                // Periods that start or end mid-month: whole months from the monthly rows, the days at either end from
                // the subtree-by-day rows (or a single unit's daily rows).
                var start = today.AddDays(-random.Next(30, 400));
                var unit = random.Next(4) == 0 ? "BK" : units[random.Next(units.Count)];
                var q = $"unit={unit}&from={start:yyyy-MM-dd}&to={start.AddDays(random.Next(7, 120)):yyyy-MM-dd}";
                var sw = Stopwatch.StartNew();
                await http.GetStringAsync("/api/v1/satisfaction?" + q);
                daily.Add(sw.Elapsed.TotalMilliseconds);
                sw.Restart();
                await http.GetStringAsync("/ket-qua-khao-sat?" + q);
                dailyPages.Add(sw.Elapsed.TotalMilliseconds);
                slowestDaily = sw.Elapsed.TotalMilliseconds > slowestDaily.Ms ? (sw.Elapsed.TotalMilliseconds, q) : slowestDaily;
            }

            Console.WriteLine($"GET /api/v1/satisfaction over periods starting mid-month (whole months monthly, the ends by subtree and day): {Percentiles(daily)}");
            Console.WriteLine($"GET /ket-qua-khao-sat over the same periods (whole dashboard): {Percentiles(dailyPages)}; slowest: {slowestDaily.Query}");
            // The same with a channel filter: the ends come from the rows by day split by channel and respondent type.
            var filteredPages = new List<double>();
            var slowestFiltered = (Ms: 0.0, Query: "");
            for (var i = 0; i < Math.Min(50, queries); i++)
            {
                var start = today.AddDays(-random.Next(30, 400));
                var unit = random.Next(4) == 0 ? "BK" : units[random.Next(units.Count)];
                var q = $"unit={unit}&from={start:yyyy-MM-dd}&to={start.AddDays(random.Next(7, 120)):yyyy-MM-dd}&channel={(random.Next(2) == 0 ? "kiosk" : "online")}";
                var sw = Stopwatch.StartNew();
                await http.GetStringAsync("/ket-qua-khao-sat?" + q);
                filteredPages.Add(sw.Elapsed.TotalMilliseconds);
                slowestFiltered = sw.Elapsed.TotalMilliseconds > slowestFiltered.Ms ? (sw.Elapsed.TotalMilliseconds, q) : slowestFiltered;
            }

            Console.WriteLine($"GET /ket-qua-khao-sat filtered by channel over periods starting mid-month: {Percentiles(filteredPages)}; slowest: {slowestFiltered.Query}");
            // One procedure: its daily rows through the (procedure, unit, day) index, a row per unit, day, channel and
            // respondent type that handled it. The synthetic data names a procedure in 60 % of responses, a few busy ones most often.
            var procedureTimes = new List<double>();
            var slowestProcedure = (Ms: 0.0, Query: "");
            for (var i = 0; i < Math.Min(100, queries); i++)
            {
                var q = RandomQuery() + "&procedure=" + procedures[random.Next(procedures.Count)];
                var sw = Stopwatch.StartNew();
                await http.GetStringAsync("/api/v1/satisfaction?" + q);
                procedureTimes.Add(sw.Elapsed.TotalMilliseconds);
                slowestProcedure = sw.Elapsed.TotalMilliseconds > slowestProcedure.Ms ? (sw.Elapsed.TotalMilliseconds, q) : slowestProcedure;
            }

            Console.WriteLine($"GET /api/v1/satisfaction for one procedure (its monthly rows; the ends of periods from its daily rows): {Percentiles(procedureTimes)}; slowest: {slowestProcedure.Query}");
        }

        // The same figure computed by scanning raw answers, for the ratio that shows what the rollups buy.
        if (Arg("raw", "yes") == "yes")
        {
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDb>();
                foreach (var unit in new[] { "BK", "BK-NS", "BK-NS-VT" })
                {
                    var path = await db.Units.Where(u => u.Code == unit).Select(u => u.Path).SingleAsync();
                    var from = new DateOnly(today.Year - 1, 1, 1);
                    var to = new DateOnly(today.Year - 1, 12, 31);
                    var sw = Stopwatch.StartNew();
                    // Every response of the subtree and year, its packed answers counted here (as the check does).
                    var cells = new Dictionary<(int, int?), long>();
                    await foreach (var answers in db.SurveyResponses.AsNoTracking()
                        .Where(r => !r.IsDeleted && r.Day >= from && r.Day <= to && db.Units.Any(u => u.Id == r.UnitId && u.Path.StartsWith(path)))
                        .Select(r => r.Answers).AsAsyncEnumerable())
                    {
                        foreach (var a in answers)
                        {
                            cells[(a.QuestionId, a.Value)] = cells.GetValueOrDefault((a.QuestionId, a.Value)) + 1;
                        }
                    }

                    Console.WriteLine($"raw scan for {unit}, last year: {sw.Elapsed.TotalMilliseconds:N0} ms ({cells.Count} cells)");
                }
            }
        }

        if (Arg("check", "yes") == "yes")
        {
            await using var scope = services.CreateAsyncScope();
            var check = scope.ServiceProvider.GetRequiredService<RollupCheck>();
            var sw = Stopwatch.StartNew();
            var differences = 0;
            for (var month = new DateOnly(today.AddYears(-2).Year, today.AddYears(-2).Month, 1); month <= today; month = month.AddMonths(1))
            {
                differences += (await check.RunAsync(month, month.AddMonths(1).AddDays(-1))).Count;
                scope.ServiceProvider.GetRequiredService<AppDb>().ChangeTracker.Clear();
            }

            Console.WriteLine($"rollup consistency check (month by month, daily and monthly rollups): {differences} differences in {sw.Elapsed.TotalSeconds:N0} s");
        }

        // The staff screens, signed in as the administrator.
        static async Task SignInAsync(HttpClient http)
        {
            var form = await http.GetStringAsync("/dang-nhap");
            var token = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
            using var signIn = await http.PostAsync("/dang-nhap", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.UserName"] = "admin", ["Input.Password"] = Password, ["__RequestVerificationToken"] = token,
            }));
        }

        if (Arg("suggestions", "yes") == "yes")
        {
            await using var app = await AppProcess.StartAsync(root, port, Settings());
            using var http = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = new Uri(app.Url) };
            await SignInAsync(http);
            // The suggestions screen: the newest comments of a subtree (up to 5,000 read), optionally those of people
            // not satisfied with an element, their topics, and a search without diacritics. Warmed up first.
            string SuggestionsQuery() => $"unit={(random.Next(4) == 0 ? "BK" : units[random.Next(units.Count)])}"
                + (random.Next(2) == 0 ? "" : "&element=E" + (1 + random.Next(5))) + (random.Next(3) == 0 ? "&field=" + fields[random.Next(fields.Count)] : "")
                + (random.Next(3) == 0 ? "&q=cho+lau" : "");
            var warmSuggestions = Stopwatch.StartNew();
            while (warmSuggestions.Elapsed < TimeSpan.FromSeconds(20))
            {
                await http.GetStringAsync("/quan-tri/ket-qua-hai-long/gop-y?" + SuggestionsQuery());
            }

            var suggestions = new List<double>();
            var slowestSuggestions = (Ms: 0.0, Query: "");
            for (var i = 0; i < Math.Min(100, queries); i++)
            {
                var q = SuggestionsQuery();
                var sw = Stopwatch.StartNew();
                await http.GetStringAsync("/quan-tri/ket-qua-hai-long/gop-y?" + q);
                suggestions.Add(sw.Elapsed.TotalMilliseconds);
                slowestSuggestions = sw.Elapsed.TotalMilliseconds > slowestSuggestions.Ms ? (sw.Elapsed.TotalMilliseconds, q) : slowestSuggestions;
            }

            Console.WriteLine($"GET /quan-tri/ket-qua-hai-long/gop-y (newest suggestions, by element, field and search): {Percentiles(suggestions)}; slowest: {slowestSuggestions.Query}");
        }

        if (Arg("export", "yes") == "yes")
        {
            await using var app = await AppProcess.StartAsync(root, port, Settings());
            var cookies = new System.Net.CookieContainer();
            using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = new Uri(app.Url), Timeout = TimeSpan.FromHours(1) };
            await SignInAsync(http);
            var before = app.MemoryMiB();
            var sw = Stopwatch.StartNew();
            using var export = await http.GetAsync($"/quan-tri/ket-qua-hai-long/du-lieu.xlsx?from={today.Year - 1}-01-01&to={today.Year - 1}-12-31", HttpCompletionOption.ResponseHeadersRead);
            var bytes = 0L;
            await using (var body = await export.Content.ReadAsStreamAsync())
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await body.ReadAsync(buffer)) > 0) { bytes += read; }
            }

            Console.WriteLine($"export one year, whole province, daily rollup extract to XLSX: {export.StatusCode}, {bytes / 1048576.0:N1} MiB in {sw.Elapsed.TotalSeconds:N1} s; app memory {before:N0} MiB before, peak {app.PeakMemoryMiB():N0} MiB");
        }

        break;
    }

    case "ingest":
    {
        var seconds = Arg("seconds", "15");
        var connections = Arg("connections", "64");
        Console.WriteLine($"# ingest benchmark on {provider}: wrk, {connections} connections, {seconds} s");
        await CreateDatabaseAsync();
        await using var app = await AppProcess.StartAsync(root, port, Settings());
        using var http = new HttpClient { BaseAddress = new Uri(app.Url) };
        var lua = await ClusterBench.PostScriptAsync(app.Url, work);
        string Wrk(params string[] wrkArgs)
        {
            var p = Process.Start(new ProcessStartInfo("wrk", wrkArgs) { RedirectStandardOutput = true })!;
            var output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return output;
        }

        static double Rps(string output) => double.Parse(Regex.Match(output, @"Requests/sec:\s+([\d.]+)").Groups[1].Value, CultureInfo.InvariantCulture);
        static long Requests(string output) => long.Parse(Regex.Match(output, @"(\d+) requests in").Groups[1].Value, CultureInfo.InvariantCulture);
        // Warm up both endpoints first: for the first half minute or so the JIT is still compiling and re-optimising
        // (POSTs ran at 480/s in their first 10 s, 1,250/s in the next 10, then levelled off), which would count
        // against whichever endpoint runs first. The figures are for a server that has run a while.
        var warmup = Arg("warmup", "30");
        Wrk("-t2", "-c" + connections, "-d10s", app.Url + "/health/live");
        Wrk("-t2", "-c" + connections, "-d" + warmup + "s", "-s", lua, app.Url + "/api/v1/survey-responses");
        // The app's CPU time per request does not depend on what else runs on the machine; the rates do.
        var cpu = app.CpuSeconds();
        var hello = Wrk("-t2", "-c" + connections, "-d10s", app.Url + "/health/live");
        var helloCpu = (app.CpuSeconds() - cpu) * 1000 / Requests(hello);
        Console.WriteLine($"hello (GET /health/live): {Rps(hello):N0} requests/s, app CPU {helloCpu:N3} ms per request");
        cpu = app.CpuSeconds();
        var post = Wrk("-t2", "-c" + connections, "-d" + seconds + "s", "--latency", "-s", lua, app.Url + "/api/v1/survey-responses");
        var postCpu = (app.CpuSeconds() - cpu) * 1000 / Requests(post);
        var non2xx = Regex.Match(post, @"Non-2xx or 3xx responses: (\d+)").Groups[1].Value;
        Console.WriteLine($"POST /api/v1/survey-responses: {Rps(post):N0} responses/s = {100 * Rps(post) / Rps(hello):N1}% of hello; non-2xx: {(non2xx == "" ? "0" : non2xx)}; app CPU {postCpu:N3} ms per response");
        Console.WriteLine(string.Join('\n', post.Split('\n').Where(l => Regex.IsMatch(l, @"^\s+(50|75|90|99)%"))));
        break;
    }

    case "crash":
    {
        Console.WriteLine($"# crash test on {provider}: SIGKILL during load, restart, every acknowledged response must be there once");
        await CreateDatabaseAsync();
        var acknowledged = new ConcurrentBag<Guid>();
        var app = await AppProcess.StartAsync(root, port, Settings());
        using var http = new HttpClient { BaseAddress = new Uri(app.Url) };
        var questionnaire = await http.GetFromJsonAsync<JsonElement>("/api/v1/questionnaires/current");
        var ids = questionnaire.GetProperty("elements").EnumerateArray().SelectMany(e => e.GetProperty("questions").EnumerateArray())
            .Select(q => int.Parse(q.GetProperty("id").GetString()!, CultureInfo.InvariantCulture)).ToList();
        using var stop = new CancellationTokenSource();
        var posters = Enumerable.Range(0, 32).Select(worker => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                try
                {
                    using var r = await http.PostAsJsonAsync("/api/v1/survey-responses", new
                    {
                        unitCode = "BK-NS-VT", fieldCode = "CCCD", channel = "online", receiptCode = $"HS-{worker}-{n}",
                        answers = ids.Select(id => new { questionId = id, value = 5 }),
                    });
                    if (r.StatusCode == System.Net.HttpStatusCode.Created)
                    {
                        acknowledged.Add(Guid.Parse((await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!));
                    }
                }
                catch (HttpRequestException)
                {
                    return; // the server is gone
                }
            }
        })).ToList();
        await Task.Delay(TimeSpan.FromSeconds(double.Parse(Arg("seconds", "5"), CultureInfo.InvariantCulture)));
        app.Kill(); // SIGKILL: no shutdown, no flush
        stop.Cancel();
        await Task.WhenAll(posters);
        await app.DisposeAsync();
        Console.WriteLine($"killed the server with {acknowledged.Count:N0} responses acknowledged (201)");
        await using (await AppProcess.StartAsync(root, port, Settings()))
        {
            Console.WriteLine("restarted");
        }

        await using var services = InProcess();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var stored = (await db.SurveyResponses.Select(r => r.Id).ToListAsync()).ToHashSet();
        var missing = acknowledged.Count(id => !stored.Contains(id));
        var differences = await scope.ServiceProvider.GetRequiredService<RollupCheck>().RunAsync();
        Console.WriteLine($"stored {stored.Count:N0} responses; acknowledged but missing: {missing}; rollup differences: {differences.Count}");
        break;
    }

    case "viewers": await LiveRoomBench.RunAsync(args, root); break;

    case "national": await NationalBench.RunAsync(args, root); break;

    case "cluster-ingest" or "cluster-viewers": await ClusterBench.RunAsync(command, args, root); break;

    case "visitors":
    {
        // The home page with the visitor statistics off and on, two copies of the app on one database, measured in
        // turns (off, on, off, on) so that whatever else the machine does falls on both alike.
        var seconds = int.Parse(Arg("seconds", "20"), CultureInfo.InvariantCulture);
        var connections = Arg("connections", "32");
        Console.WriteLine($"# visitor counting on {provider}: GET / with wrk, {connections} connections, {seconds} s per side");
        await CreateDatabaseAsync();
        await using var off = await AppProcess.StartAsync(root, port, Settings(("Visitors:Count", "false")));
        await using var on = await AppProcess.StartAsync(root, port + 1, Settings());
        // Browsers with a visitor cookie each (1,000 of them), as real readers keep one from their first page.
        var ids = Enumerable.Range(0, 1000).Select(_ => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_'));
        var lua = Path.Combine(work, "visitors.lua");
        await File.WriteAllTextAsync(lua, "ids = {\n" + string.Join(",\n", ids.Select(id => $"\"{id}\"")) + "\n}\n"
            + "request = function()\n  return wrk.format(\"GET\", \"/\", { [\"Cookie\"] = \"cv.v=\" .. ids[math.random(#ids)], "
            + "[\"User-Agent\"] = \"Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36\" })\nend\n");
        string Wrk(string url, int duration)
        {
            var p = Process.Start(new ProcessStartInfo("wrk", ["-t2", "-c" + connections, "-d" + duration + "s", "-s", lua, url]) { RedirectStandardOutput = true })!;
            var output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return output;
        }

        static long Requests(string output) => long.Parse(Regex.Match(output, @"(\d+) requests in").Groups[1].Value, CultureInfo.InvariantCulture);
        static double Seconds(string output)
        {
            var m = Regex.Match(output, @"requests in ([\d.]+)(m?s|m)");
            var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            return m.Groups[2].Value switch { "ms" => value / 1000, "m" => value * 60, _ => value };
        }

        var warmup = int.Parse(Arg("warmup", "10"), CultureInfo.InvariantCulture);
        Wrk(off.Url, warmup);
        Wrk(on.Url, warmup);
        var totals = new Dictionary<string, (long Requests, double Seconds, double Cpu)> { ["off"] = default, ["on"] = default };
        foreach (var round in Enumerable.Range(0, 2))
        {
            foreach (var (name, app) in new[] { ("off", off), ("on", on) })
            {
                var cpu = app.CpuSeconds();
                var output = Wrk(app.Url, seconds / 2);
                var t = totals[name];
                totals[name] = (t.Requests + Requests(output), t.Seconds + Seconds(output), t.Cpu + app.CpuSeconds() - cpu);
            }
        }

        double Rate(string name) => totals[name].Requests / totals[name].Seconds;
        double CpuPerRequest(string name) => totals[name].Cpu * 1000 / totals[name].Requests;
        Console.WriteLine($"without counting (Visitors:Count=false): {Rate("off"):N0} requests/s, app CPU {CpuPerRequest("off"):N3} ms per request");
        Console.WriteLine($"with counting: {Rate("on"):N0} requests/s, app CPU {CpuPerRequest("on"):N3} ms per request");
        Console.WriteLine($"kept: {100 * Rate("on") / Rate("off"):N1} % of the requests/s ({100 * CpuPerRequest("off") / CpuPerRequest("on"):N1} % by app CPU per request)");
        using var http = new HttpClient();
        var box = Regex.Match(await http.GetStringAsync(on.Url + "/"), "data-figure=\"total\">([^<]+)<").Groups[1].Value;
        Console.WriteLine($"the box on the counting copy now shows a total of {box} views (flushed every 10 s, so the last seconds' are in memory)");
        break;
    }

    case "weight":
    {
        // The pages to weigh: --page /path, repeatable (for instance a news article, --page /tin-tuc/its-slug).
        // Without any, every public page (PageWeight.PublicPagesAsync).
        var pages = args.Select((a, i) => (a, i)).Where(x => x.a == "--page" && x.i + 1 < args.Length).Select(x => args[x.i + 1]).ToList();
        var url = Arg("url", "");
        if (url.Length > 0)
        {
            await PageWeight.RunAsync(url, pages.Count > 0 ? pages : await PageWeight.PublicPagesAsync(url));
            break;
        }

        Console.WriteLine($"# page weight on a first visit (empty cache) and a repeat visit (cache from the first), Accept-Encoding: br, gzip, demo data on {provider}");
        await CreateDatabaseAsync();
        // With the demo's survey responses, so that the results page carries its figures, tables and charts.
        await using var app = await AppProcess.StartAsync(root, port, Settings(("Seed:DemoResponses", "6000")));
        await PageWeight.RunAsync(app.Url, pages.Count > 0 ? pages : await PageWeight.PublicPagesAsync(app.Url));
        break;
    }

    default:
        Console.WriteLine("usage: dotnet run -c Release --project bench/CitizenVoice.Bench -- results|ingest|crash|viewers|visitors|weight [--provider Sqlite|Postgres] [--postgres CONN] [--responses N] [--database FILE|NAME] [--keep yes] [--seconds S]");
        break;
}

if (Arg("keep", "no") == "yes")
{
    // A generated database to run the queries on again later with --database.
    Console.WriteLine($"kept the database: {database}");
}
else if (provider == "Sqlite" && existing.Length == 0)
{
    Directory.Delete(work, recursive: true);
}
