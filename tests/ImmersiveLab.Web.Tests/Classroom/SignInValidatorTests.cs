using ImmersiveLab.Classroom;
using ImmersiveLab.Web.Classroom;
using ImmersiveLab.Web.Learners;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace ImmersiveLab.Web.Tests.Classroom;

/// <summary>What a live circuit's periodic check decides about its sign-in.</summary>
[Collection(nameof(LabWebCollection))]
public sealed class SignInValidatorTests(LabWebFixture app)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public void Circuits_check_their_sign_in_again_with_the_labs_provider()
    {
        using var scope = app.Services.CreateScope();
        Assert.IsType<LabAuthenticationStateProvider>(scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>());
    }

    [Fact]
    public async Task An_instructor_sign_in_is_valid_only_with_the_current_tokens_stamp()
    {
        var validator = app.Get<SignInValidator>();
        var current = await app.Get<InstructorToken>().StampAsync(Ct);
        Assert.True(await validator.IsStillValidAsync(LearnerClaims.Principal(null, null, null, current), Ct));
        Assert.False(await validator.IsStillValidAsync(LearnerClaims.Principal(null, null, null, InstructorToken.Stamp("an-old-token-value")), Ct));
        Assert.True(await validator.IsStillValidAsync(new System.Security.Claims.ClaimsPrincipal(), Ct)); // anonymous: nothing to end
    }

    [Fact]
    public async Task A_learner_sign_in_ends_when_the_learner_is_removed()
    {
        var cls = await app.NewClassAsync();
        var joined = await app.Get<ClassJoiner>().JoinAsync(cls.Code, "Gone soon", Ct);
        var principal = LearnerClaims.Principal(joined.Learner!.Id, cls.Id, "Gone soon", null, joined.ResumeCode);
        var validator = app.Get<SignInValidator>();
        Assert.True(await validator.IsStillValidAsync(principal, Ct));
        await app.Get<ClassActions>().RemoveLearnerAsync(cls.Id, joined.Learner.Id, Ct);
        validator.Forget(joined.Learner.Id);
        Assert.False(await validator.IsStillValidAsync(principal, Ct));
    }
}
