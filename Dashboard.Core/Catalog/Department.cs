namespace Dashboard.Core.Catalog;

/// <summary>What kind of unit a department is, which decides who may dispatch to it.</summary>
public enum DepartmentKind
{
    /// <summary>A line department (职能部门) that handles cases, e.g. urban management.</summary>
    Department,

    /// <summary>The 12345 hotline center (12345 热线中心): takes citizen requests, never handles them itself.</summary>
    Hotline,

    /// <summary>The district command center (区指挥中心): dispatches and runs joint triage.</summary>
    DistrictCenter,

    /// <summary>A street/town command center (镇街综治中心/指挥中心).</summary>
    StreetCenter,
}

/// <summary>A unit that cases can be dispatched to or that coordinates them.</summary>
public sealed class Department
{
    private Department()
    {
        Code = string.Empty;
        Name = string.Empty;
        NameEn = string.Empty;
    }

    public Department(string code, string name, string nameEn, DepartmentKind kind, string? streetCode = null)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            throw new ArgumentException("A department needs a code.", nameof(code));
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException($"Department {code} needs a name.", nameof(name));
        }

        if (kind == DepartmentKind.StreetCenter && string.IsNullOrWhiteSpace(streetCode))
        {
            throw new ArgumentException($"Street center {code} needs the code of its street.", nameof(streetCode));
        }

        if (kind != DepartmentKind.StreetCenter && streetCode is not null)
        {
            throw new ArgumentException($"Only a street center has a street code; {code} is a {kind}.", nameof(streetCode));
        }

        Code = code;
        Name = name;
        NameEn = nameEn;
        Kind = kind;
        StreetCode = streetCode;
    }

    public string Code { get; private set; }

    public string Name { get; private set; }

    public string NameEn { get; private set; }

    public DepartmentKind Kind { get; private set; }

    /// <summary>The 9-digit street code (e.g. 440604010) for a street center; null otherwise.</summary>
    public string? StreetCode { get; private set; }

    public bool CanHandleCases => Kind is DepartmentKind.Department or DepartmentKind.StreetCenter;

    public override string ToString() => $"{Code} {Name}";
}
