namespace ImmersiveLab.Classroom.Tests;

[Collection(nameof(ClassroomCollection))]
public sealed class ResumeRequestsTests(ClassroomFixture fx)
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private ResumeRequests Requests => fx.Get<ResumeRequests>();

    [Fact]
    public async Task The_instructor_lets_a_learner_without_their_code_back_in_and_they_get_a_new_code()
    {
        var cls = await fx.NewClassAsync();
        var lin = await fx.Joiner.JoinAsync(cls.Code, "Lin", Ct);

        var asked = await Requests.CreateAsync(cls.Code, "lin", "192.0.2.10", Ct);
        var ticket = asked.Ticket!;
        Assert.Null(asked.Refusal);
        Assert.Matches("^[A-Z2-9]{4}$", ticket.Tag);

        var pending = Assert.Single(await Requests.PendingAsync(cls.Id, Ct));
        Assert.Equal((ticket.Id, lin.Learner!.Id, "Lin", ticket.Tag, "192.0.2.10"), (pending.Id, pending.LearnerId, pending.LearnerName, pending.Tag, pending.Client));

        var waiting = await Requests.RedeemAsync(ticket, Ct);
        Assert.Equal(ResumeState.Waiting, waiting.State);
        Assert.Null(waiting.Learner);

        await Requests.DecideAsync(cls.Id, ticket.Id, approve: true, Ct);
        Assert.Empty(await Requests.PendingAsync(cls.Id, Ct));
        await Assert.ThrowsAsync<ClassroomException>(() => Requests.DecideAsync(cls.Id, ticket.Id, approve: false, Ct)); // decided once

        // Only the browser with the secret redeems it, once.
        Assert.Equal(ResumeState.Unknown, (await Requests.RedeemAsync(ticket with { Secret = "guess" }, Ct)).State);
        var approved = await Requests.RedeemAsync(ResumeTicket.Parse(ticket.ToString())!, Ct);
        Assert.Equal(ResumeState.Approved, approved.State);
        Assert.Equal(lin.Learner.Id, approved.Learner!.Id);
        Assert.Equal(cls.Id, approved.Class!.Id);
        Assert.Equal(ResumeState.Unknown, (await Requests.RedeemAsync(ticket, Ct)).State);

        // The new code works; the lost one does not any more.
        Assert.NotEqual(lin.ResumeCode, approved.ResumeCode);
        Assert.True((await fx.Joiner.JoinAsync(cls.Code, "Lin", approved.ResumeCode, Ct)).Rejoined);
        Assert.Equal(JoinRefusal.WrongResumeCode, (await fx.Joiner.JoinAsync(cls.Code, "Lin", lin.ResumeCode, Ct)).Refusal);
        Assert.Equal(ResumeCodeState.Replaced, await fx.Get<ResumeCodes>().StateAsync(lin.Learner.Id, lin.ResumeCode, Ct));
        Assert.Equal(ResumeCodeState.Current, await fx.Get<ResumeCodes>().StateAsync(lin.Learner.Id, approved.ResumeCode, Ct));
        Assert.Equal(ResumeCodeState.Missing, await fx.Get<ResumeCodes>().StateAsync(lin.Learner.Id, null, Ct));
    }

    [Fact]
    public async Task A_refused_request_lets_nobody_in()
    {
        var cls = await fx.NewClassAsync();
        await fx.JoinAsync(cls, "Mia");
        var ticket = (await Requests.CreateAsync(cls.Code, "Mia", null, Ct)).Ticket!;
        await Requests.DecideAsync(cls.Id, ticket.Id, approve: false, Ct);
        var refused = await Requests.RedeemAsync(ticket, Ct);
        Assert.Equal(ResumeState.Refused, refused.State);
        Assert.Null(refused.Learner);
    }

    [Fact]
    public async Task Only_the_instructor_of_the_class_decides_and_requests_expire()
    {
        var cls = await fx.NewClassAsync();
        var other = await fx.NewClassAsync();
        await fx.JoinAsync(cls, "Noa");
        var ticket = (await Requests.CreateAsync(cls.Code, "Noa", null, Ct)).Ticket!;
        await Assert.ThrowsAsync<ClassroomException>(() => Requests.DecideAsync(other.Id, ticket.Id, approve: true, Ct));

        await using (var age = fx.Server.Metadata.CreateCommand("UPDATE resume_requests SET created_at = now() - interval '1 hour' WHERE id = $1"))
        {
            age.Parameters.AddWithValue(ticket.Id);
            await age.ExecuteNonQueryAsync(Ct);
        }
        Assert.Empty(await Requests.PendingAsync(cls.Id, Ct));
        await Assert.ThrowsAsync<ClassroomException>(() => Requests.DecideAsync(cls.Id, ticket.Id, approve: true, Ct));
        Assert.Equal(ResumeState.Expired, (await Requests.RedeemAsync(ticket, Ct)).State);
    }

    [Fact]
    public async Task Requests_need_a_real_name_of_an_open_class_and_cannot_pile_up()
    {
        var cls = await fx.NewClassAsync();
        await fx.JoinAsync(cls, "Ola");
        Assert.Equal(JoinRefusal.NotAdmitted, (await Requests.CreateAsync("NQ-" + ClassCode.Generate(), "Ola", null, Ct)).Refusal);
        Assert.Equal(JoinRefusal.UnknownName, (await Requests.CreateAsync(cls.Code, "Nobody", null, Ct)).Refusal);
        Assert.Equal(JoinRefusal.InvalidName, (await Requests.CreateAsync(cls.Code, "\u200B", null, Ct)).Refusal);
        for (var i = 0; i < ResumeRequests.MaxWaitingPerLearner; i++)
            Assert.NotNull((await Requests.CreateAsync(cls.Code, "Ola", null, Ct)).Ticket);
        Assert.Equal(JoinRefusal.RequestsWaiting, (await Requests.CreateAsync(cls.Code, "Ola", null, Ct)).Refusal);
        Assert.Equal(ResumeRequests.MaxWaitingPerLearner, (await Requests.PendingAsync(cls.Id, Ct)).Count);

        await fx.Classes.CloseAsync(cls.Id, Ct);
        Assert.Equal(JoinRefusal.NotAdmitted, (await Requests.CreateAsync(cls.Code, "Ola", null, Ct)).Refusal);
    }

    [Fact]
    public async Task An_approved_request_of_a_class_that_ended_meanwhile_lets_nobody_in()
    {
        var cls = await fx.NewClassAsync();
        await fx.JoinAsync(cls, "Pat");
        var ticket = (await Requests.CreateAsync(cls.Code, "Pat", null, Ct)).Ticket!;
        await Requests.DecideAsync(cls.Id, ticket.Id, approve: true, Ct);
        await fx.Classes.CloseAsync(cls.Id, Ct);
        Assert.Equal(ResumeState.Refused, (await Requests.RedeemAsync(ticket, Ct)).State);
    }
}
