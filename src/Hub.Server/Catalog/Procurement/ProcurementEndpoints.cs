using System.Security.Claims;
using Hub.Server.Api;
using Hub.Server.Oidc;
using Hub.Server.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hub.Server.Catalog.Procurement;

/// <summary>Vendor admission, procurement and selection (企业竞争提供、政府评估准入、学校自主选择).</summary>
public static class ProcurementEndpoints
{
    public static void MapProcurementEndpoints(this WebApplication app)
    {
        var vendors = app.MapGroup("/api/v1/resources/vendors").WithTags("Resources 资源");
        vendors.MapPost("/", async Task<Results<Created<VendorView>, ProblemHttpResult>> (VendorApplicationRequest? request, ClaimsPrincipal user,
                ResourceVendors service, CancellationToken ct) =>
            {
                var (view, errors) = await service.ApplyAsync(Caller.From(user), request ?? new VendorApplicationRequest(null, null, null, null, null, null, null, null), ct);
                return view is not null ? TypedResults.Created($"/api/v1/resources/vendors/{view.Id}", view) : HubProblems.Validation([.. errors]);
            })
            .RequireAuthorization(HubScopes.AppsManage).WithName("ApplyForVendorAdmission").WithSummary("厂商申请准入（附评估结果）/ A vendor applies for admission with its evaluation");
        vendors.MapGet("/", async (ClaimsPrincipal user, ResourceVendors service, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(Caller.From(user), ct)))
            .RequireAuthorization(HubScopes.ResourcesReview).WithName("ListVendorApplications").WithSummary("管辖范围内的准入申请 / Admission applications in your jurisdiction");
        vendors.MapPost("/{id:long}/decision", async Task<Results<Ok<VendorView>, ProblemHttpResult>> (long id, VendorDecisionRequest? request, ClaimsPrincipal user,
                ResourceVendors service, CancellationToken ct) =>
            {
                var (view, error) = await service.DecideAsync(Caller.From(user), id, request ?? new VendorDecisionRequest(null, null), ct);
                return view is not null ? TypedResults.Ok(view)
                    : error == ResourceErrors.DecisionInvalid ? HubProblems.Validation(new FieldError("decision", error)) : HubProblems.Create(error!);
            })
            .RequireAuthorization(HubScopes.ResourcesReview).WithName("DecideVendorAdmission").WithSummary("准入决定：admit 或 reject / Admit or reject a vendor");

        var group = app.MapGroup("/api/v1/resources").WithTags("Resources 资源");
        group.MapPost("/{resourceId}/procurements", async Task<Results<Created<ProcurementView>, ProblemHttpResult>> (string resourceId,
                ProcurementRequest? request, ClaimsPrincipal user, Procurements service, CancellationToken ct) =>
            {
                var (view, error, field) = await service.RecordAsync(Caller.From(user), resourceId, request ?? new ProcurementRequest(null, null, null, null, null, null), ct);
                return view is not null ? TypedResults.Created($"/api/v1/resources/{resourceId}/procurements", view)
                    : field is not null ? HubProblems.Validation(new FieldError(field, error!)) : HubProblems.Create(error!);
            })
            .RequireAuthorization(HubScopes.ResourcesProcure).WithName("RecordProcurement")
            .WithSummary("登记采购（经费来源：教育信息化专项经费、生均公用经费；范围内免费）/ Record a procurement");
        group.MapGet("/{resourceId}/procurements", async Task<Results<Ok<List<ProcurementView>>, ProblemHttpResult>> (string resourceId, ClaimsPrincipal user,
                CatalogQueries catalog, Procurements service, CancellationToken ct) =>
            {
                var caller = Caller.From(user);
                return await catalog.FindAsync(caller, resourceId, "resource.procurements.read", ct) is { } row
                    ? TypedResults.Ok(await service.ListAsync(caller, row, ct)) : HubProblems.Create(GeneralErrors.NotFound);
            })
            .RequireAuthorization(HubScopes.ResourcesProcure).WithName("ListProcurements").WithSummary("管辖范围内的采购 / Procurements in your jurisdiction");
        group.MapPost("/{resourceId}/selections", async Task<Results<Ok<SelectionView>, ProblemHttpResult>> (string resourceId, SelectionRequest? request,
                ClaimsPrincipal user, Procurements service, CancellationToken ct) =>
            {
                var (view, error) = await service.SelectAsync(Caller.From(user), resourceId, request ?? new SelectionRequest(null, null), ct);
                return view is not null ? TypedResults.Ok(view)
                    : error == ResourceErrors.SelectionInvalid ? HubProblems.Validation(new FieldError("schoolCode", error)) : HubProblems.Create(error!);
            })
            .RequireAuthorization(HubScopes.ResourcesProcure).WithName("SelectResource").WithSummary("选用资源（区划选用对下级学校生效）/ Select a resource");
        group.MapGet("/selections/{schoolCode}", async Task<Results<Ok<SchoolSelectionsView>, ProblemHttpResult>> (string schoolCode, ClaimsPrincipal user,
                Procurements service, CancellationToken ct) =>
                await service.ForSchoolAsync(Caller.From(user), schoolCode, ct) is { } view ? TypedResults.Ok(view) : HubProblems.Create(GeneralErrors.NotFound))
            .RequireAuthorization(HubScopes.ResourcesProcure).WithName("SchoolSelections")
            .WithSummary("学校的选用（本校与上级区划选用的资源、上级批准的应用）/ What a school has selected, own and inherited");
    }
}
