using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CitizenVoice.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace CitizenVoice.ClusterTests;

/// <summary>What several copies behind nginx must keep true for the people using them.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ThroughNginxTests(Cluster cluster, ITestOutputHelper output)
{
    [Fact]
    public async Task A_staff_member_signs_in_through_nginx_and_works_while_requests_alternate_between_both_copies()
    {
        using var http = Clients.From(Clients.NewAddress(), cluster.Address, keepCookies: true);
        var staff = new StaffClient(http);
        await staff.SignInAsync("admin");

        var servedBy = new HashSet<string>();
        for (var i = 0; i < 6; i++)
        {
            using var page = await http.GetAsync("/quan-tri");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("Đăng xuất", await page.Content.ReadAsStringAsync());
            servedBy.Add(cluster.ServedBy(page).Name);
        }

        Assert.Equal(2, servedBy.Count);

        // The idle keep-alive (antiforgery-protected, re-issues the cookie) is accepted by either copy.
        var token = (await staff.GetPageAsync("/quan-tri")).QuerySelector("[data-keepalive]")!.GetAttribute("data-token")!;
        var keptBy = new HashSet<string>();
        for (var i = 0; i < 4; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/tai-khoan/giu-phien");
            request.Headers.Add("X-CSRF-TOKEN", token);
            using var kept = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.NoContent, kept.StatusCode);
            keptBy.Add(cluster.ServedBy(kept).Name);
        }

        Assert.Equal(2, keptBy.Count);
    }

    [Fact]
    public async Task A_client_gets_the_public_write_limit_once_through_nginx_not_once_per_copy()
    {
        using var http = Clients.From(Clients.NewAddress(), cluster.Address);
        var accepted = 0;
        var servedBy = new HashSet<string>();
        for (var i = 0; i < 2 * Cluster.PublicWritesPerMinute + 4; i++)
        {
            // An empty feedback is refused as invalid, but every post counts against the limit.
            using var body = new StringContent("{}", Encoding.UTF8, "application/json");
            using var response = await http.PostAsync("/api/v1/feedback", body);
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.TooManyRequests, $"{(int)response.StatusCode}");
            accepted += response.StatusCode == HttpStatusCode.TooManyRequests ? 0 : 1;
            servedBy.Add(cluster.ServedBy(response).Name);
        }

        Assert.Equal(2, servedBy.Count);
        // A minute's window may turn during the run and give a few more; two copies counting alone would give 2L.
        Assert.InRange(accepted, Cluster.PublicWritesPerMinute, Cluster.PublicWritesPerMinute + 4);
    }

    [Fact]
    public async Task A_copy_killed_during_concurrent_survey_posts_loses_no_response_that_was_acknowledged()
    {
        var victim = cluster.Copies[1];
        try
        {
            using var reader = Clients.From(Clients.NewAddress(), cluster.Address);
            var questionnaire = await reader.GetFromJsonAsync<JsonElement>("/api/v1/questionnaires/current");
            var answers = questionnaire.GetProperty("elements").EnumerateArray().SelectMany(e => e.GetProperty("questions").EnumerateArray())
                .Append(questionnaire.GetProperty("overall"))
                .Select(q => new { questionId = int.Parse(q.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture), value = 4 })
                .ToArray();

            var acknowledged = new ConcurrentBag<Guid>();
            var refused = 0;
            using var stop = new CancellationTokenSource();
            async Task PostUntilStoppedAsync()
            {
                while (!stop.IsCancellationRequested)
                {
                    // A new person every few posts, so that the per-client limit never refuses anyone here.
                    using var http = Clients.From(Clients.NewAddress(), cluster.Address);
                    for (var i = 0; i < 10 && !stop.IsCancellationRequested; i++)
                    {
                        try
                        {
                            using var response = await http.PostAsJsonAsync("/api/v1/survey-responses",
                                new { unitCode = "BK-CM", fieldCode = "CU-TRU", channel = "kiosk", answers });
                            if (response.StatusCode == HttpStatusCode.Created)
                            {
                                acknowledged.Add(Guid.Parse((await response.Content.ReadFromJsonAsync<Dictionary<string, string>>())!["id"]));
                            }
                            else
                            {
                                Interlocked.Increment(ref refused);
                            }
                        }
                        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                        {
                            // A post cut off by the kill, or one that timed out on a loaded machine, never got its 201:
                            // it was not acknowledged, so whether it is stored proves nothing either way.
                            Interlocked.Increment(ref refused);
                        }
                    }
                }
            }

            var posters = Enumerable.Range(0, 6).Select(_ => Task.Run(PostUntilStoppedAsync)).ToArray();
            // Kill while both copies take posts, then go on until the survivor has taken as many again.
            await Cluster.WaitAsync(() => Task.FromResult(acknowledged.Count >= 30), "the copies stored too few responses before the kill");
            var beforeKill = acknowledged.Count;
            victim.Kill();
            await Cluster.WaitAsync(() => Task.FromResult(acknowledged.Count >= beforeKill + 30), "the other copy did not take over after the kill");
            await stop.CancelAsync();
            await Task.WhenAll(posters);
            var ids = acknowledged.ToArray();
            output.WriteLine($"{ids.Length} responses acknowledged ({beforeKill} before the kill), {refused} refused or failed while the copy died");
            await using var db = new NpgsqlConnection(cluster.ConnectionString);
            await db.OpenAsync();
            await using var count = new NpgsqlCommand("""SELECT count(*) FROM "SurveyResponses" WHERE "Id" = ANY(@ids)""", db);
            count.Parameters.AddWithValue("ids", ids);
            Assert.Equal(ids.Length, Convert.ToInt32(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));

            // The monthly figures agree with the responses (the fold that was running on the dead copy is redone).
            using var admin = Clients.From(Clients.NewAddress(), cluster.Address, keepCookies: true);
            var staff = new StaffClient(admin);
            await staff.SignInAsync("admin");
            using var checkedPage = await staff.SubmitFormAsync("/quan-tri/khao-sat/kiem-tra", []);
            Assert.Contains("Không có chênh lệch", await checkedPage.Content.ReadAsStringAsync());
        }
        finally
        {
            if (!victim.IsRunning)
            {
                victim.Start();
                await victim.WaitReadyAsync();
            }
        }
    }
}
