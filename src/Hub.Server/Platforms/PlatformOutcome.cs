using Hub.Server.Problems;
using Hub.Server.Regions;

namespace Hub.Server.Platforms;

/// <summary>The result of a change: the application, or one error, or field errors (nothing was changed then).</summary>
public sealed record PlatformOutcome(PlatformAccess? Access, ErrorDefinition? Error = null, IReadOnlyList<FieldError>? Errors = null)
{
    public static PlatformOutcome Fail(ErrorDefinition error) => new(null, error);

    public static PlatformOutcome Invalid(IReadOnlyList<FieldError> errors) => new(null, null, errors);

    public static PlatformOutcome Invalid(string field, ErrorDefinition error) => new(null, null, [new FieldError(field, error)]);
}

internal static class PlatformViews
{
    public static PlatformAccessView From(PlatformAccess a, RegionCatalog regions, bool withHistory = true) => new(
        a.PublicId,
        a.RegionCode,
        regions.TryGet(a.RegionCode, out var region) ? region.Name : null,
        PlatformWorkflow.Wire(a.Status),
        a.Origin,
        PlatformJson.ToElement(a.Form),
        a.Jwks is not null,
        a.ClientId,
        a.RabbitMqUser,
        a.CreatedBy,
        a.CreatedAt,
        a.UpdatedAt,
        a.ChangeVersion,
        withHistory
            ? [.. a.History.OrderBy(t => t.At).ThenBy(t => t.Id).Select(t => new PlatformTransitionView(
                t.From is { } from ? PlatformWorkflow.Wire(from) : null, PlatformWorkflow.Wire(t.To), t.Actor, t.Reasons, t.At))]
            : null);
}
