using Hub.Server.Identity.Documents;
using Hub.Server.Identity.Registry;
using Hub.Server.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hub.Server.Identity.SignIn;

public enum SignInResultKind
{
    Succeeded,
    Failed,
    LockedOut,
}

/// <summary>
/// Password sign-in. The identifier is a hub id or a resident ID number (found through its blind index, never
/// compared in clear). Unknown identifiers and wrong passwords look the same to the caller.
/// </summary>
public sealed class CredentialService(HubDbContext db, PersonKeys keys, IOptions<SignInOptions> options, TimeProvider clock)
{
    private static readonly PasswordHasher<PersonCredential> Hasher = new();

    public async Task SetPasswordAsync(long personId, string password, CancellationToken ct)
    {
        var credential = await db.Set<PersonCredential>().FindAsync([personId], ct);
        if (credential is null)
        {
            credential = new PersonCredential { PersonId = personId, PasswordHash = "" };
            db.Add(credential);
        }
        credential.PasswordHash = Hasher.HashPassword(credential, password);
        credential.FailedAttempts = 0;
        credential.LockedUntil = null;
        credential.ChangedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }

    public bool IsAcceptablePassword(string? password) =>
        password is not null && password.Length >= options.Value.MinimumPasswordLength && password.Length <= 128
        && password.Any(char.IsLetter) && password.Any(char.IsDigit);

    public async Task<(SignInResultKind Result, Person? Person)> VerifyAsync(string? identifier, string? password, CancellationToken ct)
    {
        var person = await FindAsync(identifier, ct);
        var credential = person is null ? null : await db.Set<PersonCredential>().FindAsync([person.Id], ct);
        if (person is null || credential is null || person.Status != PersonStatus.Active || string.IsNullOrEmpty(password))
        {
            // Same work as a real check, so timing does not reveal whether the identifier exists.
            Hasher.VerifyHashedPassword(new PersonCredential { PasswordHash = "" }, DummyHash, password ?? "");
            return (SignInResultKind.Failed, null);
        }
        var now = clock.GetUtcNow();
        if (credential.LockedUntil is { } until && until > now)
        {
            return (SignInResultKind.LockedOut, null);
        }
        var verdict = Hasher.VerifyHashedPassword(credential, credential.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            credential.FailedAttempts++;
            if (credential.FailedAttempts >= options.Value.MaxFailedAttempts)
            {
                credential.LockedUntil = now + options.Value.LockoutDuration;
                credential.FailedAttempts = 0;
            }
            await db.SaveChangesAsync(ct);
            return (credential.LockedUntil > now ? SignInResultKind.LockedOut : SignInResultKind.Failed, null);
        }
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            credential.PasswordHash = Hasher.HashPassword(credential, password);
        }
        credential.FailedAttempts = 0;
        credential.LockedUntil = null;
        await db.SaveChangesAsync(ct);
        return (SignInResultKind.Succeeded, person);
    }

    /// <summary>The person a sign-in identifier (hub id or resident ID number) names, if any.</summary>
    public async Task<Person?> FindAsync(string? identifier, CancellationToken ct)
    {
        if (HubIds.Normalize(identifier?.Trim()) is { } hubId)
        {
            return await db.Set<Person>().FirstOrDefaultAsync(p => p.HubId == hubId, ct);
        }
        var number = ResidentIdNumber.Normalize(identifier);
        if (number.Length == 18)
        {
            var index = keys.DocumentIndex(DocumentType.ResidentIdCard, number);
            return await db.Set<Person>().FirstOrDefaultAsync(p => p.DocumentIndex == index, ct);
        }
        return null;
    }

    private static readonly string DummyHash = Hasher.HashPassword(new PersonCredential { PasswordHash = "" }, Guid.NewGuid().ToString());
}
