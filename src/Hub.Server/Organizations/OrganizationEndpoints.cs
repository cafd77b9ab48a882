using System.Security.Claims;
using Hub.Server.Api;
using Hub.Server.Oidc;
using Hub.Server.Problems;
using Hub.Server.Regions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hub.Server.Organizations;

/// <summary>/api/v1/organizations: education bureaus and schools, scoped to the caller's jurisdiction.</summary>
public static class OrganizationEndpoints
{
    public static void MapOrganizationEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1/organizations").WithTags("Organizations 机构与学校");
        group.MapPost("/schools", AddSchoolAsync).RequireAuthorization(HubScopes.OrganizationsWrite)
            .WithName("AddSchool").ProducesProblem(StatusCodes.Status409Conflict).WithSummary("登记学校 / Register a school");
        group.MapPost("/schools/import", ImportAsync).RequireAuthorization(HubScopes.OrganizationsWrite)
            .Accepts<string>("text/csv")
            .WithName("ImportSchools").ProducesProblem(StatusCodes.Status409Conflict).WithSummary("批量导入学校名单（CSV，全部成功或全部不变）/ Import a school list (CSV, all or nothing)");
        group.MapPut("/schools/{code}", UpdateSchoolAsync).RequireAuthorization(HubScopes.OrganizationsWrite)
            .WithName("UpdateSchool").ProducesProblem(StatusCodes.Status409Conflict).WithSummary("修改学校信息 / Update a school");
        group.MapPut("/schools/{code}/space-settings", SetSpaceSettingsAsync).RequireAuthorization(HubScopes.OrganizationsWrite)
            .WithName("SetSchoolSpaceSettings").WithSummary("设置家长是否可查看学生的学习空间 / Let parents view their students' learning spaces");
        group.MapPost("/bureaus", AddBureauAsync).RequireAuthorization(HubScopes.OrganizationsWrite)
            .WithName("AddBureau").ProducesProblem(StatusCodes.Status409Conflict).WithSummary("登记教育行政部门 / Register an education bureau");
        group.MapGet("/", ListAsync).RequireAuthorization(HubScopes.OrganizationsRead)
            .WithName("ListOrganizations").WithSummary("分页列出管辖范围内的机构 / Page through organizations in your jurisdiction");
        group.MapGet("/{code}", GetAsync).RequireAuthorization(HubScopes.OrganizationsRead)
            .WithName("GetOrganization").WithSummary("按标识码查询 / Get an organization by code");
    }

    private static async Task<Results<Created<OrganizationView>, ProblemHttpResult>> AddSchoolAsync(
        SchoolRequest request, ClaimsPrincipal user, OrganizationValidator validator, OrganizationDirectory directory,
        RegionCatalog regions, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var (valid, errors) = validator.Validate(request, caller);
        if (valid is null)
        {
            return HubProblems.Validation([.. errors]);
        }
        var (created, error) = await directory.AddSchoolAsync(valid, caller, ct);
        return created is null
            ? HubProblems.Create(error!)
            : TypedResults.Created($"/api/v1/organizations/{created.Code}", OrganizationViews.From(created, regions));
    }

    private static async Task<Results<Ok<SchoolImportResult>, ProblemHttpResult>> ImportAsync(
        HttpRequest request, ClaimsPrincipal user, SchoolImport import, CancellationToken ct)
    {
        if (await SchoolImport.ReadBodyAsync(request, ct) is not { } csv)
        {
            return HubProblems.Validation(new FieldError("rows", OrganizationErrors.ImportFileInvalid));
        }
        var (result, errors) = await import.RunAsync(csv, Caller.From(user), ct);
        return result is null ? HubProblems.Validation([.. errors]) : TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<OrganizationView>, ProblemHttpResult>> UpdateSchoolAsync(
        string code, SchoolRequest request, ClaimsPrincipal user, OrganizationValidator validator, OrganizationDirectory directory,
        RegionCatalog regions, CancellationToken ct)
    {
        var caller = Caller.From(user);
        if (await directory.FindAsync(code, caller, "organization.update", ct) is not { Kind: OrganizationKind.School } school)
        {
            return HubProblems.Create(GeneralErrors.NotFound);
        }
        var (valid, errors) = validator.Validate(request, caller, fixedCode: school.Code);
        if (valid is null)
        {
            return HubProblems.Validation([.. errors]);
        }
        var (updated, error) = await directory.UpdateSchoolAsync(school, valid, request.ExpectedVersion, caller, ct);
        return updated is null ? HubProblems.Create(error!) : TypedResults.Ok(OrganizationViews.From(updated, regions));
    }

    private static async Task<Results<Ok<OrganizationView>, ProblemHttpResult>> SetSpaceSettingsAsync(
        string code, SchoolSpaceSettings request, ClaimsPrincipal user, OrganizationDirectory directory, RegionCatalog regions, CancellationToken ct)
    {
        if (request.GuardianSpaceAccess is not { } allowed)
        {
            return HubProblems.Validation(new FieldError("guardianSpaceAccess", GeneralErrors.ValidationFailed));
        }
        var caller = Caller.From(user);
        if (await directory.FindAsync(code, caller, "organization.space-settings", ct) is not { Kind: OrganizationKind.School } school)
        {
            return HubProblems.Create(GeneralErrors.NotFound);
        }
        var (updated, error) = await directory.SetGuardianSpaceAccessAsync(school, allowed, caller, ct);
        return updated is null ? HubProblems.Create(error!) : TypedResults.Ok(OrganizationViews.From(updated, regions));
    }

    private static async Task<Results<Created<OrganizationView>, ProblemHttpResult>> AddBureauAsync(
        BureauRequest request, ClaimsPrincipal user, OrganizationValidator validator, OrganizationDirectory directory,
        RegionCatalog regions, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var errors = new List<FieldError>();
        var region = validator.Region(request.RegionCode, caller, errors);
        var name = OrganizationValidator.Name(request.Name, "name", errors);
        if (errors.Count > 0)
        {
            return HubProblems.Validation([.. errors]);
        }
        var (created, error) = await directory.AddBureauAsync(region!, name!, caller, ct);
        return created is null
            ? HubProblems.Create(error!)
            : TypedResults.Created($"/api/v1/organizations/{created.Code}", OrganizationViews.From(created, regions));
    }

    private static async Task<Results<Ok<OrganizationPage>, ProblemHttpResult>> ListAsync(
        ClaimsPrincipal user, OrganizationDirectory directory, RegionCatalog regions, CancellationToken ct,
        string? kind = null, string? regionCode = null, string? schoolType = null, string? after = null, int limit = 100)
    {
        var caller = Caller.From(user);
        var errors = new List<FieldError>();
        OrganizationKind? parsedKind = kind switch
        {
            null => null,
            "school" => OrganizationKind.School,
            "bureau" => OrganizationKind.Bureau,
            _ => Add<OrganizationKind>(errors, "kind", GeneralErrors.ValidationFailed),
        };
        var type = schoolType is null ? null : SchoolTypes.Parse(schoolType) ?? Add<SchoolType>(errors, "schoolType", OrganizationErrors.SchoolTypeInvalid);
        var scope = caller.Scope.Within(regionCode, regions);
        RegionCursor.CheckPaging(after, limit, errors);
        if (errors.Count > 0)
        {
            return HubProblems.Validation([.. errors]);
        }
        var (items, next) = await directory.ListAsync(scope, parsedKind, type, after, limit, ct);
        return TypedResults.Ok(new OrganizationPage([.. items.Select(o => OrganizationViews.From(o, regions))], next));
    }

    private static async Task<Results<Ok<OrganizationView>, ProblemHttpResult>> GetAsync(
        string code, ClaimsPrincipal user, OrganizationDirectory directory, RegionCatalog regions, CancellationToken ct)
    {
        var organization = await directory.FindAsync(code, Caller.From(user), "organization.read", ct);
        return organization is null ? HubProblems.Create(GeneralErrors.NotFound) : TypedResults.Ok(OrganizationViews.From(organization, regions));
    }

    private static T? Add<T>(List<FieldError> errors, string field, ErrorDefinition error) where T : struct
    {
        errors.Add(new FieldError(field, error));
        return null;
    }
}
