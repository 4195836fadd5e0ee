using ImmersiveLab.Web.Telemetry;

namespace ImmersiveLab.Web.Tests.Telemetry;

public sealed class ConnectedLearnersTests
{
    [Fact]
    public void A_learner_with_several_pages_counts_once_and_a_lost_connection_not_at_all()
    {
        var learners = new ConnectedLearners();
        var ada = Guid.NewGuid();
        var bo = Guid.NewGuid();
        learners.Set("c1", ada, connected: true);
        learners.Set("c2", ada, connected: true);
        learners.Set("c3", bo, connected: true);
        Assert.Equal(2, learners.Count);

        learners.Connection("c3", connected: false);
        Assert.Equal(1, learners.Count);

        learners.Connection("c3", connected: true);
        learners.Remove("c1");
        learners.Remove("c2");
        Assert.Equal(1, learners.Count);
    }
}
