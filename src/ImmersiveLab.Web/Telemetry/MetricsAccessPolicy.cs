using System.Net;
using ImmersiveLab.Web.Learners;

namespace ImmersiveLab.Web.Telemetry;

/// <summary>
/// Who may read the metrics endpoint: a connection from this machine (the connection's own address, never a header),
/// the signed-in instructor, or anyone when Telemetry:Metrics:AllowRemote is on. The numbers name no learner, but they
/// describe the server's load, which is not the classroom's business.
/// </summary>
public sealed class MetricsAccessPolicy(bool allowRemote)
{
    public bool Allows(HttpContext context) =>
        allowRemote || IsLoopbackConnection(context.Connection.RemoteIpAddress) || LearnerClaims.IsInstructor(context.User);

    public static bool IsLoopbackConnection(IPAddress? address) =>
        address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}
