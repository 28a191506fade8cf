using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Features.Satisfaction;
using CitizenVoice.Features.Surveys;
using CitizenVoice.Features.Surveys.Rollups;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenVoice.Bench;

/// <summary>
/// The national tree: the ministry at the top, 34 provinces (the demo province with its districts among them, the
/// others with communes straight below, as since 2025-07-01), about 3,300 communes, N responses over two years. Measures
/// the national and provincial figures, the raw scan they replace, ingest against the 117-unit demo tree in the same
/// run, the rollup check, and merges of communes through the app's merge page. Units other than the demo's carry
/// sample names ("Tỉnh mẫu 07", "Xã mẫu 07-012"): they are not the real communes.
/// </summary>
internal static class NationalBench
{
    private const string Password = "Bench-Password-2026!";
    private const string Ministry = "BCA";

    private sealed record Db(string Provider, string Postgres, string Name)
    {
        public string ConnectionString => Provider == "Postgres"
            ? new Npgsql.NpgsqlConnectionStringBuilder(Postgres) { Database = Name, MaxPoolSize = 200 }.ToString()
            : $"Data Source={Name}";

        public Dictionary<string, string> Settings()
        {
            var settings = new Dictionary<string, string>
            {
                ["Database:Provider"] = Provider, ["Seed:DemoResponses"] = "0", ["Seed:DemoPassword"] = Password, ["Seed:Reorganisation2025"] = "false",
                ["RateLimits:PublicWritesPerMinute"] = "100000000", ["RateLimits:PublicWritesGlobalPerMinute"] = "100000000",
                ["RateLimits:ApiReadsPerMinute"] = "100000000",
            };
            settings[Provider == "Postgres" ? "ConnectionStrings:Postgres" : "ConnectionStrings:Sqlite"] = ConnectionString;
            return settings;
        }

        public ServiceProvider Services()
        {
            var services = new ServiceCollection();
            if (Provider == "Postgres")
            {
                services.AddDbContext<AppDb, PostgresAppDb>(o => o.UseNpgsql(ConnectionString, n => n.CommandTimeout(3600)));
            }
            else
            {
                services.AddDbContext<AppDb, SqliteAppDb>(o => o.UseSqlite(ConnectionString, s => s.CommandTimeout(3600)));
            }

            services.Configure<DatabaseOptions>(o => o.Provider = Provider).AddSingleton<WriteGate>();
            services.AddMemoryCache().AddSingleton(TimeProvider.System).AddScoped<QuestionnaireCatalog>().AddScoped<SyntheticResponses>()
                .AddScoped<SatisfactionReport>().AddScoped<RollupReader>().AddScoped<RollupCheck>()
                .AddSingleton<PendingRollupFold>().AddSingleton<CitizenVoice.Infrastructure.AppMetrics>().AddMetrics().AddLogging();
            return services.BuildServiceProvider();
        }

        public async Task CreateAsync(string root, int port)
        {
            if (Provider == "Postgres")
            {
                await using var admin = new Npgsql.NpgsqlConnection(Postgres);
                await admin.OpenAsync();
                await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {Name}", admin);
                await create.ExecuteNonQueryAsync();
            }

            // The app itself migrates and seeds the demo organisation, accounts and questionnaires.
            await using var app = await AppProcess.StartAsync(root, port, Settings());
        }

        public async Task DropAsync()
        {
            if (Provider == "Postgres")
            {
                Npgsql.NpgsqlConnection.ClearAllPools();
                await using var admin = new Npgsql.NpgsqlConnection(Postgres);
                await admin.OpenAsync();
                await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
            }
        }
    }

    public static async Task RunAsync(string[] args, string root)
    {
        string Arg(string name, string fallback) => args.SkipWhile(a => a != "--" + name).Skip(1).FirstOrDefault() ?? fallback;
        int Int(string name, int fallback) => int.Parse(Arg(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        var provider = Arg("provider", "Sqlite");
        var postgres = Arg("postgres", "Host=127.0.0.1;Port=55999;Username=postgres;Database=postgres");
        var communes = Int("communes", 3300);
        var responses = long.Parse(Arg("responses", "10000000"), CultureInfo.InvariantCulture);
        var merges = Int("merges", Math.Min(1000, communes / 3));
        var queries = Int("queries", 300);
        // The whole results pages, fewer than the API's since each takes longer; more give a steadier p99.
        var pages = Int("pages", Math.Min(100, queries));
        var port = Int("port", 5099);
        var work = Directory.CreateTempSubdirectory("cv-national-").FullName;
        var suffix = Guid.NewGuid().ToString("N")[..8];
        Db Database(string name) => new(provider, postgres, provider == "Postgres" ? $"cv_{name}_{suffix}" : Path.Combine(work, name + ".db"));
        // --database reuses the national database of an earlier run (--keep yes): generation is the slow part, and the
        // queries can then be measured again after a change of the app.
        var existing = Arg("database", "");
        var national = existing.Length > 0 ? new Db(provider, postgres, existing) : Database("national");
        var demo = Database("demo");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        Console.WriteLine($"# national benchmark on {provider}: 34 provinces, {communes:N0} communes, {responses:N0} responses over two years, {merges:N0} merges");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at start");
        try
        {
            if (existing.Length == 0)
            {
                await national.CreateAsync(root, port);
            }

            await demo.CreateAsync(root, port);
            await using var services = national.Services();
            var clock = Stopwatch.StartNew();
            int units;
            await using (var scope = services.CreateAsyncScope())
            {
                units = existing.Length > 0
                    ? await scope.ServiceProvider.GetRequiredService<AppDb>().Units.CountAsync(u => u.ValidTo == null)
                    : await BuildTreeAsync(scope.ServiceProvider.GetRequiredService<AppDb>(), communes, new DateOnly(today.Year - 3, 1, 1));
            }

            Console.WriteLine($"tree: {units:N0} active units in {clock.Elapsed.TotalSeconds:N1} s");
            clock.Restart();
            var generationCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
            await using (var scope = services.CreateAsyncScope())
            {
                responses = existing.Length > 0 ? 0 : responses;
                var (reported, every) = (0L, Math.Clamp(responses / 10, 20_000, 500_000));
                await scope.ServiceProvider.GetRequiredService<SyntheticResponses>().GenerateAsync(responses, today.AddYears(-2).AddDays(1), today, 7,
                    done => { if (done / every > reported) { reported = done / every; Console.WriteLine($"  generated {done:N0} ({done / clock.Elapsed.TotalSeconds:N0}/s)"); } });
            }

            // The process's CPU too (generation runs in this process): unlike the time, it does not follow the machine's load.
            Console.WriteLine($"generate: {responses:N0} responses in {clock.Elapsed.TotalSeconds:N0} s, {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - generationCpu:N0} s of CPU");
            if (provider == "Sqlite")
            {
                Console.WriteLine($"database file: {new FileInfo(national.Name).Length / 1048576.0:N0} MiB");
            }

            List<string> provinces;
            List<string> communeCodes;
            int closed;
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDb>();
                provinces = await db.Units.Where(u => u.Level == UnitLevel.Province).Select(u => u.Code).ToListAsync();
                communeCodes = await db.Units.Where(u => u.Level == UnitLevel.Commune && u.ValidTo == null).Select(u => u.Code).ToListAsync();
                closed = await db.Units.CountAsync(u => u.ValidTo != null);
            }

            var random = new Random(11);
            string Period() => random.Next(4) switch
            {
                0 => $"from={today.Year}-01-01&to={today:yyyy-MM-dd}",
                1 => $"from={today.Year - 1}-01-01&to={today.Year - 1}-12-31",
                2 => $"from={today.AddDays(-random.Next(30, 400)):yyyy-MM-dd}&to={today.AddDays(-random.Next(0, 29)):yyyy-MM-dd}",
                _ => $"from={today.AddMonths(-12):yyyy-MM}-01&to={today:yyyy-MM-dd}",
            };

            // --queries 0 skips the queries (a run for generation alone, or for ingest).
            if (queries > 0)
            {
                await using (var app = await AppProcess.StartAsync(root, port, national.Settings()))
                {
                    using var http = new HttpClient { BaseAddress = new Uri(app.Url), Timeout = TimeSpan.FromMinutes(10) };
                    // Warm-up as in `results`: the figures are for a server that has run a while.
                    var warm = Stopwatch.StartNew();
                    while (warm.Elapsed < TimeSpan.FromSeconds(Int("warmup", 60)))
                    {
                        await http.GetStringAsync($"/api/v1/satisfaction?unit={Ministry}&{Period()}");
                        await http.GetStringAsync($"/api/v1/satisfaction?unit={provinces[random.Next(provinces.Count)]}&{Period()}");
                        await http.GetStringAsync($"/ket-qua-khao-sat?unit={Ministry}&{Period()}");
                        await http.GetStringAsync($"/ket-qua-khao-sat?unit={provinces[random.Next(provinces.Count)]}&{Period()}");
                    }

                    async Task Measure(string what, Func<string> url, int count)
                    {
                        // The app's CPU per request too: unlike the times, it does not follow what else the machine runs.
                        var cpu = app.CpuSeconds();
                        var times = new List<(double Ms, string Url)>();
                        for (var i = 0; i < count; i++)
                        {
                            var u = url();
                            var sw = Stopwatch.StartNew();
                            using var r = await http.GetAsync(u);
                            await r.Content.ReadAsStringAsync();
                            times.Add((sw.Elapsed.TotalMilliseconds, u));
                            if (!r.IsSuccessStatusCode) { throw new InvalidOperationException(u + " → " + r.StatusCode); }
                        }

                        var cpuPerRequest = (app.CpuSeconds() - cpu) * 1000 / count;
                        // The slowest three asked again at once: a page slow both times is slow to build, one fast the
                        // second time met a stall (a collection, a cold cache, the machine) the first time.
                        var slowest = new List<string>();
                        foreach (var (ms, u) in times.OrderByDescending(t => t.Ms).Take(3))
                        {
                            var sw = Stopwatch.StartNew();
                            await http.GetStringAsync(u);
                            slowest.Add($"{ms:N0} then {sw.Elapsed.TotalMilliseconds:N0} ms {u}");
                        }

                        Console.WriteLine($"{what}: {Percentiles(times.Select(t => t.Ms).ToList())}, app CPU {cpuPerRequest:N1} ms per request; slowest: {string.Join("; ", slowest)}");
                    }

                    await Measure("GET /api/v1/satisfaction, the nation", () => $"/api/v1/satisfaction?unit={Ministry}&{Period()}", queries);
                    await Measure("GET /api/v1/satisfaction, a province", () => $"/api/v1/satisfaction?unit={provinces[random.Next(provinces.Count)]}&{Period()}", queries);
                    await Measure("GET /api/v1/satisfaction, a commune", () => $"/api/v1/satisfaction?unit={communeCodes[random.Next(communeCodes.Count)]}&{Period()}", queries);
                    await Measure("GET /ket-qua-khao-sat, the nation's dashboard", () => $"/ket-qua-khao-sat?unit={Ministry}&{Period()}", pages);
                    await Measure("GET /ket-qua-khao-sat, a province's dashboard", () => $"/ket-qua-khao-sat?unit={provinces[random.Next(provinces.Count)]}&{Period()}", pages);

                    // On a database kept after merges (--database): a period that ended before them is shown in the tree
                    // of its last day (units in service then, parents and names from the history tables), not today's.
                    if (closed > 0)
                    {
                        Console.WriteLine($"the tree changed: {closed:N0} units closed");
                        var lastYear = $"from={today.Year - 1}-01-01&to={today.Year - 1}-12-31";
                        await Measure("GET /ket-qua-khao-sat, the nation's, last year, in that year's tree", () => $"/ket-qua-khao-sat?unit={Ministry}&{lastYear}", pages);
                        await Measure("GET /ket-qua-khao-sat, a province's, last year, in that year's tree", () => $"/ket-qua-khao-sat?unit={provinces[random.Next(provinces.Count)]}&{lastYear}", pages);
                        await Measure("GET /ket-qua-khao-sat, the nation's, this year, in today's tree", () => $"/ket-qua-khao-sat?unit={Ministry}&from={today.Year}-01-01&to={today:yyyy-MM-dd}", pages);
                    }
                }
            }


            if (Arg("raw", "yes") == "yes")
            {
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDb>();
                foreach (var unit in new[] { Ministry, provinces[1] })
                {
                    var sw = Stopwatch.StartNew();
                    var (count, _) = await RawRecountAsync(db, unit, new DateOnly(today.Year - 1, 1, 1), new DateOnly(today.Year - 1, 12, 31), false);
                    Console.WriteLine($"raw scan for {unit}, last year (what the rollups replace): {sw.Elapsed.TotalMilliseconds:N0} ms ({count:N0} responses)");
                }
            }

            // Ingest: the same POSTs against the demo tree (117 units) and the national tree, in turns, same run.
            if (Arg("ingest", "yes") == "yes")
            {
                await IngestAsync(root, port, work, demo, national, Int("seconds", 15), Arg("connections", "64"), Int("ingest-warmup", 20), Int("ingest-units", 0));
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

                Console.WriteLine($"rollup check (month by month, whole national tree): {differences} differences in {sw.Elapsed.TotalSeconds:N0} s");
            }

            if (merges > 0)
            {
                await MergeAsync(root, port, national, services, merges, today, Arg("merge-by", "file") == "file");
            }
        }
        finally
        {
            if (Arg("keep", "no") == "yes")
            {
                Console.WriteLine($"kept the databases: {national.Name}, {demo.Name}");
            }
            else
            {
                if (existing.Length == 0)
                {
                    await national.DropAsync();
                }

                await demo.DropAsync();
                Directory.Delete(work, recursive: true);
            }
        }
    }

    /// <summary>
    /// The ministry above the demo province, and 33 sample provinces with communes straight below them (40–160 each),
    /// the communes serving the commune fields (residence, identity cards), the provinces the provincial ones.
    /// Written through EF in three saves (ids first, then paths): 3,400 units take a few seconds.
    /// </summary>
    private static async Task<int> BuildTreeAsync(AppDb db, int communes, DateOnly validFrom)
    {
        var random = new Random(3);
        var ministry = new Unit { Code = Ministry, Name = "Bộ Công an", Level = UnitLevel.Ministry, ValidFrom = validFrom };
        db.Units.Add(ministry);
        await db.SaveChangesAsync();
        ministry.Path = $"/{ministry.Id}/";
        var demoProvince = await db.Units.SingleAsync(u => u.ParentId == null && u.Id != ministry.Id);
        demoProvince.ParentId = ministry.Id;
        var demoCommunes = await db.Units.CountAsync(u => u.Level == UnitLevel.Commune);
        // A spread between 40 and 160 per province that adds up to the number asked for.
        // (Smaller trees for development runs keep the same spread, scaled down.)
        var low = Math.Max(2, 40 * communes / 3300);
        var left = Math.Max(33 * low, communes - demoCommunes);
        var sizes = Enumerable.Range(0, 33).Select(_ => low + random.Next(3 * low + 1)).ToArray();
        var scale = (double)left / sizes.Sum();
        sizes = [.. sizes.Select(s => Math.Clamp((int)Math.Round(s * scale), low, 4 * low))];
        for (var i = 0; left != sizes.Sum() && i < 33 * 4 * low; i++)
        {
            var p = i % 33;
            sizes[p] = Math.Clamp(sizes[p] + Math.Sign(left - sizes.Sum()), low, 4 * low);
        }
        var fields = await db.Fields.ToDictionaryAsync(f => f.Code, f => f.Id);
        var added = new List<Unit>();
        for (var p = 0; p < 33; p++)
        {
            var province = new Unit { Code = $"M{p + 1:D2}", Name = $"Công an Tỉnh mẫu {p + 1:D2}", AreaType = "tỉnh", Level = UnitLevel.Province, Parent = ministry, ValidFrom = validFrom };
            added.Add(province);
            for (var c = 0; c < sizes[p]; c++)
            {
                added.Add(new Unit
                {
                    Code = $"M{p + 1:D2}-{c + 1:D3}", Name = $"Công an Xã mẫu {p + 1:D2}-{c + 1:D3}", AreaType = c % 5 == 0 ? "phường" : "xã",
                    Level = UnitLevel.Commune, Parent = province, ValidFrom = validFrom,
                });
            }
        }

        db.Units.AddRange(added);
        await db.SaveChangesAsync();
        var all = await db.Units.ToListAsync();
        var byId = all.ToDictionary(u => u.Id);
        foreach (var unit in all)
        {
            unit.Path = UnitTree.PathOf(unit, byId);
        }

        string[] served(UnitLevel level) => level == UnitLevel.Province ? ["XNC", "CON-DAU", "PCCC", "DKX", "CCCD", "CU-TRU"] : ["CCCD", "CU-TRU"];
        db.UnitFields.AddRange(added.SelectMany(u => served(u.Level).Select(f => new UnitField { UnitId = u.Id, FieldId = fields[f] })));
        await db.SaveChangesAsync();
        // The administrator works at the ministry, so every province's communes are theirs to merge.
        await db.Set<CitizenVoice.Features.Staff.StaffUser>().Where(u => u.UserName == "admin").ExecuteUpdateAsync(s => s.SetProperty(u => u.UnitId, ministry.Id));
        return all.Count(u => u.ValidTo == null);
    }

    /// <summary>
    /// The responses and the overall question's answers of a unit (its subtree, or itself and the units merged into it),
    /// counted from the raw responses: what the rollups must agree with.
    /// </summary>
    private static async Task<(long Responses, long OverallAnswers)> RawRecountAsync(AppDb db, string code, DateOnly from, DateOnly to, bool withPredecessors, int overall = 0)
    {
        var unit = await db.Units.AsNoTracking().SingleAsync(u => u.Code == code);
        var rows = withPredecessors
            ? db.SurveyResponses.Where(r => r.UnitId == unit.Id || db.Units.Any(u => u.Id == r.UnitId && u.SuccessorId == unit.Id))
            : db.SurveyResponses.Where(r => db.Units.Any(u => u.Id == r.UnitId && u.Path.StartsWith(unit.Path)));
        long count = 0, answers = 0;
        await foreach (var packed in rows.AsNoTracking().Where(r => !r.IsDeleted && r.Day >= from && r.Day <= to).Select(r => r.Answers).AsAsyncEnumerable())
        {
            count++;
            answers += packed.Count(a => a.QuestionId == overall && a.Value != null);
        }

        return (count, answers);
    }

    /// <param name="nationalUnits">With a number, the national tree's bodies name only that many of its communes (as
    /// many as the demo tree's bodies name), so the two differ in the tree's size alone, not in the spread of the rows
    /// the responses touch.</param>
    private static async Task IngestAsync(string root, int port, string work, Db demo, Db national, int seconds, string connections, int warmup, int nationalUnits)
    {
        await using var demoApp = await AppProcess.StartAsync(root, port + 1, demo.Settings());
        await using var nationalApp = await AppProcess.StartAsync(root, port + 2, national.Settings());
        using var http = new HttpClient { BaseAddress = new Uri(demoApp.Url) };
        var questionnaire = await http.GetFromJsonAsync<JsonElement>("/api/v1/questionnaires/current");
        var ids = questionnaire.GetProperty("elements").EnumerateArray().SelectMany(e => e.GetProperty("questions").EnumerateArray())
            .Append(questionnaire.GetProperty("overall")).Select(q => int.Parse(q.GetProperty("id").GetString()!, CultureInfo.InvariantCulture)).ToList();
        async Task<string> Script(Db db, string name, int limit = 0)
        {
            await using var services = db.Services();
            await using var scope = services.CreateAsyncScope();
            var units = await scope.ServiceProvider.GetRequiredService<AppDb>().Units
                .Where(u => u.ValidTo == null && (u.Level == UnitLevel.Commune || u.Level == UnitLevel.District)).OrderBy(u => u.Code).Select(u => u.Code).ToListAsync();
            if (limit > 0)
            {
                // Spread over the sample provinces: every k-th of their communes in code order.
                var sample = units.Where(u => u[0] == 'M').ToList();
                units = [.. sample.Where((_, i) => i % Math.Max(1, sample.Count / limit) == 0).Take(limit)];
                Console.WriteLine($"  the national tree's bodies name {units.Count} communes");
            }

            var random = new Random(7);
            var bodies = Enumerable.Range(0, 500).Select(_ => JsonSerializer.Serialize(new
            {
                unitCode = units[random.Next(units.Count)], fieldCode = random.Next(2) == 0 ? "CU-TRU" : "CCCD", channel = "online",
                answers = ids.Select(id => new { questionId = id, value = random.NextDouble() < 0.9 ? 4 + random.Next(2) : 1 + random.Next(3) }),
            }));
            var lua = Path.Combine(work, name + ".lua");
            await File.WriteAllTextAsync(lua, "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nbodies = {\n"
                + string.Join(",\n", bodies.Select(b => "[[" + b + "]]")) + "\n}\nrequest = function()\n  return wrk.format(nil, nil, nil, bodies[math.random(#bodies)])\nend\n");
            return lua;
        }

        var sides = new[] { (Name: "demo tree (117 units)", App: demoApp, Lua: await Script(demo, "demo")), (Name: "national tree", App: nationalApp, Lua: await Script(national, "national", nationalUnits)) };
        static string Wrk(params string[] wrkArgs)
        {
            var p = Process.Start(new ProcessStartInfo("wrk", wrkArgs) { RedirectStandardOutput = true })!;
            var output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return output;
        }

        foreach (var side in sides)
        {
            Wrk("-t2", "-c" + connections, "-d" + warmup + "s", "-s", side.Lua, side.App.Url + "/api/v1/survey-responses");
        }

        // In turns (demo, national, demo, national) so that the rest of the machine's load falls on both alike.
        var totals = sides.ToDictionary(s => s.Name, _ => (Requests: 0L, Seconds: 0.0, Cpu: 0.0, P99: new List<string>()));
        for (var round = 0; round < 2; round++)
        {
            foreach (var side in sides)
            {
                var cpu = side.App.CpuSeconds();
                var output = Wrk("-t2", "-c" + connections, "-d" + Math.Max(1, seconds / 2) + "s", "--latency", "-s", side.Lua, side.App.Url + "/api/v1/survey-responses");
                var t = totals[side.Name];
                var requests = long.Parse(Regex.Match(output, @"(\d+) requests in").Groups[1].Value, CultureInfo.InvariantCulture);
                var m = Regex.Match(output, @"requests in ([\d.]+)(m?s|m)");
                var duration = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * (m.Groups[2].Value switch { "ms" => 0.001, "m" => 60, _ => 1 });
                t.P99.Add(Regex.Match(output, @"\s99%\s+(\S+)").Groups[1].Value);
                var non2xx = Regex.Match(output, @"Non-2xx or 3xx responses: (\d+)").Groups[1].Value;
                if (non2xx.Length > 0) { Console.WriteLine($"  {side.Name}: {non2xx} non-2xx responses"); }
                totals[side.Name] = (t.Requests + requests, t.Seconds + duration, t.Cpu + side.App.CpuSeconds() - cpu, t.P99);
            }
        }

        foreach (var (name, t) in totals)
        {
            Console.WriteLine($"POST /api/v1/survey-responses, {name}: {t.Requests / t.Seconds:N0} responses/s, app CPU {t.Cpu * 1000 / t.Requests:N3} ms per response, p99 {string.Join(" / ", t.P99)}");
        }
    }

    /// <summary>
    /// Merges communes into a neighbour of the same province through the app's merge page (signed in as the
    /// administrator, confirmed), as an administrator would; then compares the figures before and after with the raw
    /// recount: the nation and every province must not change, each successor must count its predecessors.
    /// </summary>
    private static async Task MergeAsync(string root, int port, Db national, ServiceProvider services, int merges, DateOnly today, bool byFile)
    {
        var from = today.AddYears(-2).AddDays(1);
        var pairs = new List<(int Id, string Code, int SuccessorId, string SuccessorCode)>();
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            var communes = await db.Units.AsNoTracking().Where(u => u.Level == UnitLevel.Commune && u.ValidTo == null)
                .Select(u => new { u.Id, u.Code, u.ParentId }).ToListAsync();
            communes = [.. communes.Where(c => c.Code[0] == 'M')];
            // Every other commune of a province into the one before it, until there are enough.
            foreach (var province in communes.GroupBy(c => c.ParentId))
            {
                var list = province.OrderBy(c => c.Code, StringComparer.Ordinal).ToList();
                for (var i = 1; i < list.Count && pairs.Count < merges; i += 2)
                {
                    pairs.Add((list[i].Id, list[i].Code, list[i - 1].Id, list[i - 1].Code));
                }
            }
        }

        await using var app = await AppProcess.StartAsync(root, port, national.Settings());
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false })
            { BaseAddress = new Uri(app.Url), Timeout = TimeSpan.FromMinutes(10) };
        var checkedUnits = new[] { Ministry }.Concat(pairs.Select(p => p.SuccessorCode).Take(5)).Concat(["M01", "M02"]).Distinct().ToList();
        async Task<Dictionary<string, (long Responses, long Overall)>> FiguresAsync()
        {
            var figures = new Dictionary<string, (long, long)>();
            foreach (var code in checkedUnits)
            {
                var json = await http.GetFromJsonAsync<JsonElement>($"/api/v1/satisfaction?unit={code}&from={from:yyyy-MM-dd}&to={today:yyyy-MM-dd}");
                figures[code] = (json.GetProperty("responses").GetInt64(),
                    json.GetProperty("overall").GetProperty("distribution").EnumerateArray().Sum(d => d.GetProperty("count").GetInt64()));
            }

            return figures;
        }

        var overall = int.Parse((await http.GetFromJsonAsync<JsonElement>("/api/v1/questionnaires/current")).GetProperty("overall").GetProperty("id").GetString()!, CultureInfo.InvariantCulture);
        var before = await FiguresAsync();
        var form = await http.GetStringAsync("/dang-nhap");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using (await http.PostAsync("/dang-nhap", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = "admin", ["Input.Password"] = Password, ["__RequestVerificationToken"] = token,
        }))) { }

        var pageTimes = new List<double>();
        var pageBytes = 0;
        for (var i = 0; i < 5; i++)
        {
            var sw = Stopwatch.StartNew();
            var page = await http.GetStringAsync($"/quan-tri/don-vi/{pairs[i].Id}/sap-nhap");
            pageTimes.Add(sw.Elapsed.TotalMilliseconds);
            pageBytes = page.Length;
            token = Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        }

        Console.WriteLine($"GET the merge page (its successor picker over the national tree): {Percentiles(pageTimes)}, {pageBytes:N0} characters");
        if (byFile)
        {
            var (upload, apply) = await ReorganisationFileMerge.RunAsync(http, [.. pairs.Select(p => (p.Code, p.SuccessorCode))], today);
            Console.WriteLine($"merge {pairs.Count:N0} communes by one reorganisation file: upload, check and preview {upload:N1} s; apply in one transaction {apply:N1} s");
        }

        var times = new List<double>();
        var total = Stopwatch.StartNew();
        foreach (var (id, code, successorId, _) in byFile ? [] : pairs)
        {
            var sw = Stopwatch.StartNew();
            using var r = await http.PostAsync($"/quan-tri/don-vi/{id}/sap-nhap", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["SuccessorId"] = successorId.ToString(CultureInfo.InvariantCulture), ["Date"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["Confirmed"] = "true", ["__RequestVerificationToken"] = token,
            }));
            times.Add(sw.Elapsed.TotalMilliseconds);
            if (r.StatusCode != System.Net.HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"merging {code}: {r.StatusCode}");
            }
        }

        if (!byFile)
        {
            Console.WriteLine($"merge {pairs.Count:N0} communes through POST /quan-tri/don-vi/ID/sap-nhap: {total.Elapsed.TotalSeconds:N1} s; per merge {Percentiles(times)}");
        }

        var after = await FiguresAsync();

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            var wrong = 0;
            foreach (var code in checkedUnits)
            {
                var isSuccessor = pairs.Any(p => p.SuccessorCode == code);
                var raw = await RawRecountAsync(db, code, from, today, isSuccessor, overall);
                var same = isSuccessor ? after[code] == raw : before[code] == after[code] && after[code] == raw;
                wrong += same ? 0 : 1;
                Console.WriteLine($"  {code}: responses/overall answers before {before[code]}, after {after[code]}, raw recount {raw}{(same ? "" : "  ← DIFFERS")}");
            }

            var check = scope.ServiceProvider.GetRequiredService<RollupCheck>();
            var month = new DateOnly(today.Year, today.Month, 1);
            var differences = (await check.RunAsync(month, today)).Count;
            Console.WriteLine($"after the merges: {wrong} figures differ from the raw recount; rollup check of this month: {differences} differences");
        }
    }

    private static string Percentiles(List<double> ms)
    {
        ms.Sort();
        double P(double p) => ms[Math.Min(ms.Count - 1, (int)Math.Ceiling(p * ms.Count) - 1)];
        return $"median {P(0.5):F1} ms, p99 {P(0.99):F1} ms, max {ms[^1]:F1} ms over {ms.Count}";
    }
}
