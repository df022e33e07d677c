namespace Dashboard.Core.Catalog;

/// <summary>
/// The inspection catalog (巡查事项目录) and the departments it refers to, checked for consistency
/// once when built so lookups can trust it.
/// </summary>
public sealed class InspectionCatalog
{
    private readonly Dictionary<string, Department> _departments;
    private readonly Dictionary<string, CatalogItem> _items;
    private readonly Dictionary<string, CatalogItem> _byFeedKey;

    public InspectionCatalog(IEnumerable<Department> departments, IEnumerable<CatalogItem> items)
    {
        _departments = new Dictionary<string, Department>(StringComparer.Ordinal);
        foreach (var department in departments)
        {
            if (!_departments.TryAdd(department.Code, department))
            {
                throw new CatalogException($"Department code {department.Code} appears twice.");
            }
        }

        _items = new Dictionary<string, CatalogItem>(StringComparer.Ordinal);
        _byFeedKey = new Dictionary<string, CatalogItem>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!_items.TryAdd(item.Code, item))
            {
                throw new CatalogException($"Catalog item code {item.Code} appears twice.");
            }

            foreach (var departmentCode in item.DepartmentCodes)
            {
                if (!_departments.TryGetValue(departmentCode, out var department))
                {
                    throw new CatalogException($"Catalog item {item.Code} ({item.Name}) names department {departmentCode}, which is not in the department list.");
                }

                if (!department.CanHandleCases)
                {
                    throw new CatalogException($"Catalog item {item.Code} ({item.Name}) names {department.Code}, a {department.Kind} that does not handle cases.");
                }
            }

            foreach (var key in item.FeedKeys)
            {
                if (!_byFeedKey.TryAdd(key, item))
                {
                    throw new CatalogException($"Feed key '{key}' maps to both {_byFeedKey[key].Code} and {item.Code}; a feed key must map to one item.");
                }
            }
        }

        Departments = [.. _departments.Values];
        Items = [.. _items.Values];
        DistrictCenter = Departments.SingleOrDefault(d => d.Kind == DepartmentKind.DistrictCenter)
            ?? throw new CatalogException("The department list needs exactly one district command center (kind districtCenter).");
    }

    public IReadOnlyList<Department> Departments { get; }

    public IReadOnlyList<CatalogItem> Items { get; }

    /// <summary>区指挥中心: the owner of anything that needs joint triage.</summary>
    public Department DistrictCenter { get; }

    public Department GetDepartment(string code) =>
        _departments.TryGetValue(code, out var department)
            ? department
            : throw new CatalogException($"No department with code '{code}'.");

    public bool TryGetDepartment(string code, out Department? department) => _departments.TryGetValue(code, out department);

    public CatalogItem GetItem(string code) =>
        _items.TryGetValue(code, out var item)
            ? item
            : throw new CatalogException($"No catalog item with code '{code}'.");

    public bool TryGetItem(string code, out CatalogItem? item) => _items.TryGetValue(code, out item);

    /// <summary>The item a feed message maps to, by its full key (e.g. <c>camera:占道经营</c>), or null.</summary>
    public CatalogItem? FindByFeedKey(string feedKey) => _byFeedKey.GetValueOrDefault(feedKey);

    public CatalogItem? FindByFeedKey(string source, string key) => FindByFeedKey(FeedKey.Make(source, key));

    /// <summary>The command center of a street (镇街指挥中心), or null when the street has none in the list.</summary>
    public Department? StreetCenterFor(string streetCode) =>
        Departments.FirstOrDefault(d => d.Kind == DepartmentKind.StreetCenter && d.StreetCode == streetCode);
}

/// <summary>The catalog or its assets are inconsistent or a lookup failed.</summary>
public sealed class CatalogException(string message) : Exception(message);
