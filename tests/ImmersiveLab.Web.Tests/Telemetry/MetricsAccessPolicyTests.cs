using System.Net;
using ImmersiveLab.Web.Learners;
using ImmersiveLab.Web.Telemetry;
using Microsoft.AspNetCore.Http;

namespace ImmersiveLab.Web.Tests.Telemetry;

public sealed class MetricsAccessPolicyTests
{
    private static HttpContext Request(string? address, bool instructor = false, string? forwardedFor = null)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = address is null ? null : IPAddress.Parse(address);
        if (instructor) context.User = LearnerClaims.Principal(null, null, null, instructorStamp: "stamp");
        if (forwardedFor is not null) context.Request.Headers["X-Forwarded-For"] = forwardedFor;
        return context;
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public void A_connection_from_this_machine_may_read_the_metrics(string address) =>
        Assert.True(new MetricsAccessPolicy(allowRemote: false).Allows(Request(address)));

    [Theory]
    [InlineData("192.0.2.10")]
    [InlineData(null)]
    public void Another_machine_may_not(string? address) =>
        Assert.False(new MetricsAccessPolicy(allowRemote: false).Allows(Request(address)));

    [Fact]
    public void A_header_claiming_loopback_does_not_make_a_remote_connection_local() =>
        Assert.False(new MetricsAccessPolicy(allowRemote: false).Allows(Request("192.0.2.10", forwardedFor: "127.0.0.1")));

    [Fact]
    public void The_signed_in_instructor_may_from_anywhere() =>
        Assert.True(new MetricsAccessPolicy(allowRemote: false).Allows(Request("192.0.2.10", instructor: true)));

    [Fact]
    public void A_signed_in_learner_may_not()
    {
        var context = Request("192.0.2.10");
        context.User = LearnerClaims.Principal(Guid.NewGuid(), Guid.NewGuid(), "Ada", instructorStamp: null);

        Assert.False(new MetricsAccessPolicy(allowRemote: false).Allows(context));
    }

    [Fact]
    public void With_AllowRemote_anyone_may() =>
        Assert.True(new MetricsAccessPolicy(allowRemote: true).Allows(Request("192.0.2.10")));
}
