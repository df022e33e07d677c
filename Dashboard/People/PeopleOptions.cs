namespace Dashboard.People;

/// <summary>Bound from the <c>People</c> section.</summary>
public sealed class PeopleOptions
{
    public const string SectionName = "People";

    /// <summary>
    /// Create the demo accounts of assets/users/demo-users.json at start and print their credentials. Null means
    /// "in the Development environment only"; a production run seeds none.
    /// </summary>
    public bool? SeedDemoUsers { get; set; }

    /// <summary>Failed sign-ins before the account is locked for <see cref="LockoutMinutes"/>.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;
}
