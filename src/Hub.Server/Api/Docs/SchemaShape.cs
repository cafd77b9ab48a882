using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Hub.Server.Api.Docs;

/// <summary>
/// Corrects two things the generator says about the hub's records: a nullable property is not required (the hub reads
/// a missing member as null, and validation names it), and an enum sent as a number lists its codes with their names
/// (the code lists of specs/data/codes).
/// </summary>
internal sealed class SchemaShape : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Required is { Count: > 0 } required)
        {
            // From the .NET type, not the schema: references are wrapped in oneOf [null, $ref] only after this runs.
            foreach (var property in context.JsonTypeInfo.Properties.Where(p =>
                p.IsGetNullable || p.IsSetNullable || Nullable.GetUnderlyingType(p.PropertyType) is not null))
            {
                required.Remove(property.Name);
            }
        }
        var type = context.JsonTypeInfo.Type;
        if (type.IsEnum && schema.Type is { } t && t.HasFlag(JsonSchemaType.Integer))
        {
            var values = Enum.GetValues(type).Cast<object>().Select(v => (Value: Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture), Name: v.ToString())).ToList();
            schema.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v.Value))];
            schema.Description = (schema.Description is { Length: > 0 } d ? d + "\n\n" : "") + string.Join(", ", values.Select(v => $"{v.Value} {v.Name}"));
        }
        return Task.CompletedTask;
    }
}
