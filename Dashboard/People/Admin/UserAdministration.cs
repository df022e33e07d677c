using Dashboard.Core.Catalog;
using Dashboard.Core.City;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Localization.UiCultures;

namespace Dashboard.People.Admin;

/// <summary>One person as the administrator's list shows them.</summary>
public sealed record UserRow(string Id, string UserName, string DisplayName, string Role, string ScopeCode, bool IsLocked, DateTimeOffset? LockedUntil);

/// <summary>What a change to a person came to: done, or refused with a message in the request's language.</summary>
public sealed record AdminOutcome(bool IsDone, string Message)
{
    public static AdminOutcome Done(string message) => new(true, message);

    public static AdminOutcome Refused(string message) => new(false, message);
}

/// <summary>
/// 用户管理: administrators create people, set their role and scope (district, street, community or department),
/// lock and unlock them and reset their passwords. Only an administrator may; every change and every refusal is
/// written to <c>audit_log</c>. A change bumps the person's security stamp, so their open sessions pick up the new
/// role and scope (or end, when locked) at the next validation.
/// </summary>
public sealed class UserAdministration(UserManager<CityUser> users, CityMap city, InspectionCatalog catalog, RefusalAudit audit)
{
    public async Task<IReadOnlyList<UserRow>> ListAsync(CancellationToken cancellationToken)
    {
        var people = await users.Users.OrderBy(u => u.UserName).ToListAsync(cancellationToken);
        var rows = new List<UserRow>(people.Count);
        foreach (var person in people)
        {
            var role = (await users.GetRolesAsync(person)).FirstOrDefault(CityRoles.IsKnown) ?? "-";
            var locked = person.LockoutEnd is { } end && end > DateTimeOffset.UtcNow;
            rows.Add(new UserRow(person.Id, person.UserName ?? person.Id, person.DisplayName, role, person.ScopeCode, locked, locked ? person.LockoutEnd : null));
        }

        return rows;
    }

    /// <summary>Null when the caller may administer people; otherwise the refusal, already audited.</summary>
    public async Task<AdminOutcome?> RefuseUnlessAdministratorAsync(WorkspaceUser? caller, string action, string resource, string route, CancellationToken cancellationToken)
    {
        if (caller?.Role == CityRoles.Administrator)
        {
            return null;
        }

        await audit.RecordAsync(caller, action, resource, route, "only administrators manage people", cancellationToken);
        return AdminOutcome.Refused(Say("只有系统管理员可以管理用户。", "Only administrators manage people."));
    }

    public async Task<AdminOutcome> CreateAsync(WorkspaceUser admin, string? userName, string? displayName, string? role, string? scopeCode, string? password, CancellationToken cancellationToken)
    {
        var name = userName?.Trim() ?? string.Empty;
        var resource = "user:" + name;
        if (name.Length is < 3 or > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
        {
            return await RefuseAsync(admin, "user.create", resource, Say("用户名须为 3–64 个字母、数字或 . - _。", "user name: 3 to 64 letters, digits, '.', '-' or '_'."), cancellationToken);
        }

        if (CheckRoleAndScope(role, scopeCode) is { } problem)
        {
            return await RefuseAsync(admin, "user.create", resource, problem, cancellationToken);
        }

        if (await users.FindByNameAsync(name) is not null)
        {
            return await RefuseAsync(admin, "user.create", resource, Say($"用户名 {name} 已存在。", $"user name: {name} already exists."), cancellationToken);
        }

        var person = new CityUser
        {
            UserName = name,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? name : displayName.Trim(),
            ScopeCode = scopeCode!.Trim(),
            LockoutEnabled = true,
        };
        var created = await users.CreateAsync(person, password ?? string.Empty);
        if (!created.Succeeded)
        {
            return await RefuseAsync(admin, "user.create", resource, Describe(created), cancellationToken);
        }

        await users.AddToRoleAsync(person, role!);
        await audit.RecordChangeAsync(admin, "user.create", resource, $"role={role} scope={person.ScopeCode} name={person.DisplayName}", cancellationToken);
        return AdminOutcome.Done(Say($"已创建用户 {name}。", $"Created {name}."));
    }

    public async Task<AdminOutcome> SetRoleAsync(WorkspaceUser admin, string id, string? role, string? scopeCode, CancellationToken cancellationToken)
    {
        var person = await users.FindByIdAsync(id);
        var resource = "user:" + (person?.UserName ?? id);
        if (person is null)
        {
            return await RefuseAsync(admin, "user.role", resource, Say("没有这个用户。", "No such user."), cancellationToken);
        }

        if (person.Id == admin.Id && role != CityRoles.Administrator)
        {
            return await RefuseAsync(admin, "user.role", resource, Say("不能取消自己的管理员角色。", "You cannot take the administrator role from yourself."), cancellationToken);
        }

        if (CheckRoleAndScope(role, scopeCode) is { } problem)
        {
            return await RefuseAsync(admin, "user.role", resource, problem, cancellationToken);
        }

        var before = $"{string.Join(",", await users.GetRolesAsync(person))}/{person.ScopeCode}";
        await users.RemoveFromRolesAsync(person, await users.GetRolesAsync(person));
        await users.AddToRoleAsync(person, role!);
        person.ScopeCode = scopeCode!.Trim();
        await users.UpdateAsync(person);
        await users.UpdateSecurityStampAsync(person);
        await audit.RecordChangeAsync(admin, "user.role", resource, $"{before} -> {role}/{person.ScopeCode}", cancellationToken);
        return AdminOutcome.Done(Say($"已将 {person.UserName} 设为 {role}（{person.ScopeCode}）。", $"{person.UserName} is now {role} ({person.ScopeCode})."));
    }

    public async Task<AdminOutcome> SetLockedAsync(WorkspaceUser admin, string id, bool locked, CancellationToken cancellationToken)
    {
        var action = locked ? "user.lock" : "user.unlock";
        var person = await users.FindByIdAsync(id);
        var resource = "user:" + (person?.UserName ?? id);
        if (person is null)
        {
            return await RefuseAsync(admin, action, resource, Say("没有这个用户。", "No such user."), cancellationToken);
        }

        if (locked && person.Id == admin.Id)
        {
            return await RefuseAsync(admin, action, resource, Say("不能锁定自己的账户。", "You cannot lock your own account."), cancellationToken);
        }

        await users.SetLockoutEnabledAsync(person, true);
        await users.SetLockoutEndDateAsync(person, locked ? DateTimeOffset.MaxValue : null);
        if (!locked)
        {
            await users.ResetAccessFailedCountAsync(person);
        }

        await users.UpdateSecurityStampAsync(person);
        await audit.RecordChangeAsync(admin, action, resource, locked ? "locked until unlocked" : "unlocked", cancellationToken);
        return AdminOutcome.Done(locked ? Say($"已锁定 {person.UserName}。", $"Locked {person.UserName}.") : Say($"已解锁 {person.UserName}。", $"Unlocked {person.UserName}."));
    }

    public async Task<AdminOutcome> ResetPasswordAsync(WorkspaceUser admin, string id, string? password, CancellationToken cancellationToken)
    {
        var person = await users.FindByIdAsync(id);
        var resource = "user:" + (person?.UserName ?? id);
        if (person is null)
        {
            return await RefuseAsync(admin, "user.password", resource, Say("没有这个用户。", "No such user."), cancellationToken);
        }

        var token = await users.GeneratePasswordResetTokenAsync(person);
        var reset = await users.ResetPasswordAsync(person, token, password ?? string.Empty);
        if (!reset.Succeeded)
        {
            return await RefuseAsync(admin, "user.password", resource, Describe(reset), cancellationToken);
        }

        // The password itself is never written anywhere but as Identity's hash.
        await audit.RecordChangeAsync(admin, "user.password", resource, "password reset", cancellationToken);
        return AdminOutcome.Done(Say($"已重置 {person.UserName} 的密码。", $"Reset the password of {person.UserName}."));
    }

    /// <summary>The scope a role covers must exist: the district, a street or community of the city, or a case-handling department.</summary>
    private string? CheckRoleAndScope(string? role, string? scopeCode)
    {
        if (!CityRoles.IsKnown(role))
        {
            return Say($"角色 '{role}' 不是 {string.Join("、", CityRoles.All)} 之一。", $"role: '{role}' is not one of {string.Join(", ", CityRoles.All)}.");
        }

        var scope = scopeCode?.Trim() ?? string.Empty;
        var ok = role switch
        {
            CityRoles.DistrictOperator or CityRoles.Administrator => scope == city.District.Code,
            CityRoles.StreetDirector => StreetCode.TryParse(scope, out var street) && city.TryGetStreet(street, out _),
            CityRoles.CommunityWorker => CommunityCode.TryParse(scope, out var community) && city.TryGetCommunity(community, out _),
            CityRoles.DepartmentLiaison => catalog.TryGetDepartment(scope, out var department) && department!.CanHandleCases,
            _ => false,
        };
        return ok ? null : role switch
        {
            CityRoles.StreetDirector => Say($"范围 '{scope}' 不是本区的镇街编码（9 位）。", $"scope: '{scope}' is not a street code (9 digits) of the district."),
            CityRoles.CommunityWorker => Say($"范围 '{scope}' 不是本区的村居编码（12 位）。", $"scope: '{scope}' is not a community code (12 digits) of the district."),
            CityRoles.DepartmentLiaison => Say($"范围 '{scope}' 不是办理部门编码。", $"scope: '{scope}' is not a case-handling department code."),
            _ => Say($"区级角色的范围须为区编码 {city.District.Code}。", $"scope: a district role's scope is the district code {city.District.Code}."),
        };
    }

    private async Task<AdminOutcome> RefuseAsync(WorkspaceUser admin, string action, string resource, string message, CancellationToken cancellationToken)
    {
        await audit.RecordAsync(admin, action, resource, "admin", message, cancellationToken);
        return AdminOutcome.Refused(message);
    }

    private static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));
}
