namespace ImmersiveLab.Web.Classroom;

/// <summary>The app's one cookie scheme and its policies.</summary>
public static class LabAuth
{
    public const string Scheme = "imlab";
    public const string CookieName = "imlab.auth";
    public const string InstructorPolicy = "instructor";
    public const string JoinPath = "/join";
    public const string InstructorLoginPath = "/instructor/login";
}
