using System.Net;

namespace ImmersiveLab.Web.Tests.Network;

/// <summary>
/// One client cannot repeat joins (code guessing, filling a class) or open live connections at will: a burst of the
/// per-minute figure passes, as many again wait their turn, more are refused with 429 — for that client only.
/// </summary>
[Collection(nameof(LabWebCollection))]
public sealed class RateLimitTests(LabWebFixture app)
{
    private static readonly int Burst = LabWebFixture.PerMinute;

    /// <summary>Sends burst + queue + 1 requests at once: the last is refused while the queued ones wait (then cancelled).</summary>
    private static async Task<HttpResponseMessage> OverflowAsync(Func<CancellationToken, Task<HttpResponseMessage>> send)
    {
        using var cts = new CancellationTokenSource();
        var pending = Enumerable.Range(0, 2 * Burst + 1).Select(_ => send(cts.Token)).ToList();
        try
        {
            while (pending.Count > 0)
            {
                var done = await Task.WhenAny(pending);
                pending.Remove(done);
                var response = await done;
                if (response.StatusCode == HttpStatusCode.TooManyRequests) return response;
            }
            throw new Xunit.Sdk.XunitException("No request was refused");
        }
        finally
        {
            await cts.CancelAsync(); // the queued ones would wait for the bucket to refill
            foreach (var p in pending)
                try { await p; } catch (OperationCanceledException) { }
        }
    }

    private static Func<CancellationToken, Task<HttpResponseMessage>> JoinPost(HttpClient browser) => ct =>
        browser.PostAsync("/join", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Code"] = "NQ-WRONG", ["Input.Name"] = "x" }), ct);

    [Fact]
    public async Task Join_attempts_of_one_client_are_limited_and_another_client_is_not_affected()
    {
        var guesser = app.Browser();
        var refused = await OverflowAsync(JoinPost(guesser));
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) >= 1);
        Assert.Contains("Too many attempts", await refused.Content.ReadAsStringAsync());

        // Someone else (another address) joins at the same moment.
        var other = app.Browser();
        var cls = await app.NewClassAsync();
        var joined = await SsrForm.JoinAsync(other, cls.Code, "Unaffected");
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        // Reading /join is not limited.
        Assert.Equal(HttpStatusCode.OK, (await guesser.GetAsync("/join")).StatusCode);
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_each_forwarded_client_has_its_own_limit()
    {
        var first = app.Browser(peer: LabWebFixture.TrustedProxy, forwardedFor: LabWebFixture.NewRemoteAddress());
        await OverflowAsync(JoinPost(first));
        var second = app.Browser(peer: LabWebFixture.TrustedProxy, forwardedFor: LabWebFixture.NewRemoteAddress());
        var response = await JoinPost(second)(CancellationToken.None);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, response.StatusCode);
    }

    [Fact]
    public async Task New_live_connections_of_one_client_are_limited()
    {
        var browser = app.Browser(peer: "127.0.0.1"); // the solo learner may connect; this one reloads in a loop
        var refused = await OverflowAsync(ct => browser.PostAsync("/_blazor/negotiate?negotiateVersion=1", null, ct));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }
}
