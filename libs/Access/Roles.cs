namespace TokenOptimizer.Access;

/// <summary>The roles' wire names (as stored, sent and configured) and which role implies which.</summary>
public static class Roles
{
    /// <summary>The wire names, in the order of <see cref="Role"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["ingest", "read", "admin"];

    /// <summary>Whether a key holding <paramref name="held"/> may do what needs <paramref name="required"/>.</summary>
    public static bool Grants(this Role held, Role required) =>
        held == required || (held == Role.Admin && required == Role.Read);

    /// <summary>The wire name: <c>ingest</c>, <c>read</c> or <c>admin</c>.</summary>
    public static string ToName(this Role role) => role switch
    {
        Role.Ingest => "ingest",
        Role.Read => "read",
        Role.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Not a role."),
    };

    /// <summary>Parses a wire name exactly (lower case, as <see cref="ToName"/> writes it).</summary>
    public static bool TryParse(string? name, out Role role)
    {
        switch (name)
        {
            case "ingest": role = Role.Ingest; return true;
            case "read": role = Role.Read; return true;
            case "admin": role = Role.Admin; return true;
            default: role = default; return false;
        }
    }
}
