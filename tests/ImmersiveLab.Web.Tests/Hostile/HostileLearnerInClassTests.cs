using System.Net;
using ImmersiveLab.Classroom;
using ImmersiveLab.Database;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.Sandbox.Provisioning;

namespace ImmersiveLab.Web.Tests.Hostile;

/// <summary>
/// Issue 20's "hostile learner in class", on the whole app and its own cluster: while one learner of a class runs each
/// attack on the shared server (and on the web front), another learner's Run answers and the instructor's "Reset all"
/// resets every sandbox of the class, the attacker's included. The attacks' own defences have their detailed tests
/// (Sandbox.Tests/Hostile, Web.Tests/Network); this one proves the class goes on through all of them.
/// </summary>
[Collection(nameof(LabWebCollection))]
public sealed class HostileLearnerInClassTests(LabWebFixture app)
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>A cell that attacks the server; <see cref="Lingers"/>: it keeps running until something ends it.</summary>
    private sealed record Attack(string Name, string Sql, bool Lingers = false);

    private static readonly Attack[] SqlAttacks =
    [
        new("advisory-lock flood", """
            DO $$ BEGIN
              BEGIN FOR i IN 1..300000 LOOP PERFORM pg_advisory_lock(i); END LOOP;
              EXCEPTION WHEN out_of_memory THEN NULL; END;
            END $$
            """),
        new("work_mem and temp_buffers", """
            SET statement_timeout = 0; SET work_mem = '4GB'; SET hash_mem_multiplier = 1000; SET temp_buffers = '1GB';
            SELECT count(*) FROM (SELECT g, md5(g::text) AS h FROM generate_series(1, 20000000) g ORDER BY h) s
            """, Lingers: true),
        new("disk fill", """
            SET statement_timeout = 0;
            CREATE TABLE IF NOT EXISTS fill (x text);
            DO $$ BEGIN LOOP
              INSERT INTO fill SELECT repeat(md5(random()::text), 30) FROM generate_series(1, 2000);
            END LOOP; END $$
            """, Lingers: true),
        new("application_name and catching cancels", """
            SET application_name = 'immersivelab-explorer';
            SET statement_timeout = 0;
            DO $$ BEGIN LOOP
              BEGIN PERFORM pg_sleep(1000); EXCEPTION WHEN query_canceled THEN NULL; END;
            END LOOP; END $$
            """, Lingers: true),
        new("COPY inflation", "COPY (SELECT repeat('x', 100000000)) TO STDOUT"),
        new("IS_TEMPLATE", """
            CREATE TABLE IF NOT EXISTS mine (x int);
            DO $$ BEGIN
              EXECUTE format('ALTER DATABASE %I WITH IS_TEMPLATE true CONNECTION LIMIT 0', current_database());
            END $$
            """),
    ];

    [Fact]
    public async Task While_one_learner_attacks_another_learners_run_answers_and_reset_all_succeeds()
    {
        var cls = await app.NewClassAsync();
        var attacker = await JoinAsync(cls, "Mallory");
        var bystander = await JoinAsync(cls, "Bea");
        foreach (var learner in new[] { attacker, bystander }) await app.Get<SandboxProvisioner>().EnsureAsync(learner, Ct);

        foreach (var attack in SqlAttacks)
        {
            var cell = app.Get<SqlRunner>().RunAsync(attacker, attack.Sql, Ct);
            if (attack.Lingers) await UntilAsync(async () => cell.IsCompleted || await IsRunningAsync(attacker), $"{attack.Name}: the attack runs");
            await AssertClassGoesOnAsync(cls, attacker, bystander, attack.Name);
            var ended = await cell; // ended by the reset (or refused): the attacker's page gets an answer too
            Assert.False(ended.Succeeded && attack.Lingers, $"{attack.Name}: a lingering attack ran to its end");
        }

        // The web front: guessing class codes from one machine, and a foreign page driving the lab (DNS rebinding).
        using var stopGuessing = new CancellationTokenSource();
        var guesser = app.Browser();
        var guesses = Enumerable.Range(0, 3 * LabWebFixture.PerMinute).Select(i => guesser.PostAsync("/join",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Code"] = $"GUESS{i:D2}", ["Input.Name"] = "x" }), stopGuessing.Token)).ToList();
        var rebinding = app.Browser(peer: "127.0.0.1").SendAsync(new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = "rebind.evil.example" } });
        var foreignOrigin = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        foreignOrigin.Headers.Add("Origin", "http://evil.example");
        var negotiate = app.Browser(peer: "127.0.0.1").SendAsync(foreignOrigin);
        await AssertClassGoesOnAsync(cls, attacker, bystander, "web attacks");
        Assert.Equal(HttpStatusCode.BadRequest, (await rebinding).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await negotiate).StatusCode);
        Assert.True(await AnyRefusedAsync(guesses), "guessing class codes was not rate-limited");
        await stopGuessing.CancelAsync(); // the queued guesses would wait for the bucket to refill
        foreach (var guess in guesses)
            try { await guess; } catch (OperationCanceledException) { }
        // A classmate on another machine still joins.
        Assert.Equal(HttpStatusCode.Redirect, (await SsrForm.JoinAsync(app.Browser(), cls.Code, "Late Lin")).StatusCode);
    }

    private async Task AssertClassGoesOnAsync(ClassInfo cls, LearnerRef attacker, LearnerRef bystander, string attack)
    {
        var run = await app.Get<SqlRunner>().RunAsync(bystander, "SELECT count(*) FROM lab.sample_images", Ct);
        Assert.True(run.Succeeded, $"{attack}: the bystander's run failed: {run.Error?.Message ?? run.Statements.FirstOrDefault()?.Error?.Message}");
        Assert.True((long)run.Statements[0].Rows[0][0]! > 0);

        var outcomes = await app.Get<ClassActions>().ResetAllAsync(cls.Id, null, Ct);
        Assert.Equal(2, outcomes.Count);
        Assert.All(outcomes, o => Assert.True(o.Succeeded, $"{attack}: reset all failed for {o.LearnerName}: {o.Error}"));
        var after = await app.Get<SqlRunner>().RunAsync(attacker, "SELECT to_regclass('mine') IS NULL AND to_regclass('fill') IS NULL", Ct);
        Assert.True(after.Succeeded, $"{attack}: the attacker's sandbox is not usable after the reset: {after.Statements.FirstOrDefault()?.Error?.Message}");
        Assert.Equal(true, after.Statements[0].Rows[0][0]);
    }

    /// <summary>Whether one of the requests is refused with 429 (the rest are answered or wait in the limiter's queue).</summary>
    private static async Task<bool> AnyRefusedAsync(List<Task<HttpResponseMessage>> requests)
    {
        var pending = requests.ToList();
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending);
            pending.Remove(done);
            if ((await done).StatusCode == HttpStatusCode.TooManyRequests) return true;
        }
        return false;
    }

    private async Task<LearnerRef> JoinAsync(ClassInfo cls, string name)
    {
        var outcome = await app.Get<ClassJoiner>().JoinAsync(cls.Code, name, Ct);
        Assert.True(outcome.Joined, outcome.Message);
        return outcome.Learner!;
    }

    /// <summary>True while one of the learner's backends runs a statement.</summary>
    private async Task<bool> IsRunningAsync(LearnerRef learner)
    {
        var role = (await app.Get<SandboxProvisioner>().EnsureAsync(learner, Ct)).RoleName;
        await using var cmd = app.Get<LabServer>().Admin.CreateCommand("SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE usename = $1 AND state = 'active')");
        cmd.Parameters.AddWithValue(role);
        return (bool)(await cmd.ExecuteScalarAsync(Ct))!;
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Not seen within {Patience.TotalSeconds:0} s: {what}");
            await Task.Delay(100);
        }
    }
}
