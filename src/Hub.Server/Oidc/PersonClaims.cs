using System.Collections.Immutable;
using System.Security.Claims;
using System.Text.Json;
using Hub.Server.Identity.Documents;
using Hub.Server.Identity.Registry;
using Hub.Server.Persistence;
using Hub.Server.Regions;
using OpenIddict.Abstractions;
using Microsoft.EntityFrameworkCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Hub.Server.Oidc;

/// <summary>
/// The scope → claims table (specs/auth): exactly the claims the granted scopes allow, nothing more. The full
/// document number never leaves through OIDC.
/// </summary>
public sealed class PersonClaims(HubDbContext db, PairwiseSubjects pairwise, RegionCatalog regions)
{
    // Absent values are left out rather than written as null (OpenIddict rejects null JSON claim nodes).
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Platforms see the public hub id as "sub"; everyone else a pairwise one.</summary>
    public async Task<string> SubjectAsync(Person person, ClientInfo client, CancellationToken ct) =>
        client.Kind == ClientKind.Vendor ? await pairwise.EnsureAsync(client.ClientId, person.Id, person.HubId, ct) : person.HubId;

    public async Task<List<Claim>> ForScopesAsync(Person person, ClientInfo client, ImmutableArray<string> scopes, CancellationToken ct)
    {
        var identity = new ClaimsIdentity();
        void Add(string type, string? value)
        {
            if (value is not null)
            {
                identity.AddClaim(type, value);
            }
        }
        // Multi-valued claims stay JSON arrays even with one element ("JSON" value type: written as raw JSON).
        void AddJson<T>(string type, T value) => identity.AddClaim(new Claim(type, JsonSerializer.Serialize(value, Json), "JSON"));

        if (scopes.Contains(HubScopes.Profile))
        {
            Add(Claims.Name, PersonName.Mask(person.Name));
            AddJson(HubClaims.Roles, person.Roles.Select(r => (int)r));
        }
        if (scopes.Contains(HubScopes.RealName))
        {
            Add(HubClaims.RealName, person.Name);
            Add(HubClaims.VerificationLevel, person.VerificationLevel.ToString());
        }
        if (scopes.Contains(HubScopes.IdentityDocument) && person.DocumentType is { } type)
        {
            Add(HubClaims.DocumentType, ((int)type).ToString(System.Globalization.CultureInfo.InvariantCulture));
            Add(HubClaims.DocumentNumberMasked, person.DocumentMasked);
        }
        if (scopes.Contains(HubScopes.Organization))
        {
            var affiliations = await db.Set<PersonAffiliation>().Where(a => a.PersonId == person.Id)
                .Select(a => new { organization = a.OrganizationCode, role = (int)a.Role, validFrom = a.ValidFrom, validTo = a.ValidTo })
                .ToListAsync(ct);
            AddJson(HubClaims.Affiliations, affiliations);
        }
        if (scopes.Contains(HubScopes.Region))
        {
            var chain = regions.Ancestors(person.RegionCode).Select(r => r.Code).Prepend(person.RegionCode).Distinct();
            AddJson(HubClaims.RegionCodes, chain);
        }
        if (scopes.Contains(HubScopes.Guardian))
        {
            var students = await db.Set<GuardianLink>().Where(g => g.ParentId == person.Id)
                .Join(db.Set<Person>(), g => g.StudentId, p => p.Id, (_, p) => p).ToListAsync(ct);
            var ids = new List<string>();
            foreach (var student in students)
            {
                ids.Add(await SubjectAsync(student, client, ct));
            }
            AddJson(HubClaims.GuardianOf, ids);
        }
        if (scopes.Contains(HubScopes.HubId) || client.Kind != ClientKind.Vendor)
        {
            Add(HubClaims.HubId, person.HubId);
        }
        return [.. identity.Claims];
    }
}
