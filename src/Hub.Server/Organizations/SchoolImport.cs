using Hub.Server.Api;
using Hub.Server.Problems;

namespace Hub.Server.Organizations;

public sealed record SchoolImportResult(int Created, int Updated);

/// <summary>A school list upload (CSV): every row validated, field errors named "rows[i].field", then all rows or none applied.</summary>
public sealed class SchoolImport(OrganizationValidator validator, OrganizationDirectory directory)
{
    public const int MaxBytes = 2 * 1024 * 1024;

    public async Task<(SchoolImportResult? Result, List<FieldError> Errors)> RunAsync(string csv, Caller caller, CancellationToken ct)
    {
        var (rows, problem) = SchoolCsv.Read(csv);
        if (rows is null)
        {
            return (null, [new FieldError(problem!, OrganizationErrors.ImportFileInvalid)]);
        }
        var errors = new List<FieldError>();
        var valid = new List<ValidSchool>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var (school, rowErrors) = validator.Validate(rows[i], caller);
            errors.AddRange(rowErrors.Select(e => e with { Field = $"rows[{i}].{e.Field}" }));
            if (school is not null)
            {
                valid.Add(school);
            }
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var (created, updated, importErrors) = await directory.ImportAsync(valid, caller, ct);
        return importErrors.Count > 0 ? (null, importErrors) : (new SchoolImportResult(created, updated), importErrors);
    }

    /// <summary>The request body as text, or null when it is larger than <see cref="MaxBytes"/>.</summary>
    public static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBytes)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
