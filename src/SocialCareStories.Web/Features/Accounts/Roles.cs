namespace SocialCareStories.Web.Features.Accounts;

/// <summary>The portal's roles. Admin can do everything the others can, plus manage users.</summary>
public static class Roles
{
    public const string Editor = nameof(Editor);
    public const string AwardsAdmin = nameof(AwardsAdmin);
    public const string Admin = nameof(Admin);

    public static IReadOnlyList<string> All { get; } = [Editor, AwardsAdmin, Admin];

    /// <summary>For <c>[Authorize(Roles = …)]</c>: who may write stories and moderate comments.</summary>
    public const string StoryEditors = Editor + "," + Admin;

    /// <summary>For <c>[Authorize(Roles = …)]</c>: who may record awards.</summary>
    public const string AwardsAdmins = AwardsAdmin + "," + Admin;

    /// <summary>For <c>[Authorize(Roles = …)]</c>: anyone who works in /admin.</summary>
    public const string AnyStaff = Editor + "," + AwardsAdmin + "," + Admin;

    /// <summary>The canonical spelling of a role name typed by a person, or null when there is no such role.</summary>
    public static string? Find(string name) =>
        All.FirstOrDefault(role => string.Equals(role, name.Trim(), StringComparison.OrdinalIgnoreCase));
}
