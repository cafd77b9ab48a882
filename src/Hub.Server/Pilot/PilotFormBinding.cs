using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Hub.Server.Problems;

namespace Hub.Server.Pilot;

/// <summary>
/// Turns the console form into the API's document and back. Input names are JSON paths ("platforms[0].form.name"), so
/// the page posts exactly what the API takes and the validator's field paths name the inputs. Empty slots are dropped.
/// </summary>
internal static partial class PilotFormBinding
{
    public static (PilotApplicationInput? Input, List<FieldError> Errors) Read(IFormCollection form)
    {
        var errors = new List<FieldError>();
        var platforms = new JsonArray();
        for (var p = 0; p < PilotValidator.MaxPlatforms; p++)
        {
            var slot = $"platforms[{p}]";
            var target = $"platforms[{platforms.Count}]";
            var platform = Fill(form, slot, target, PilotFormFields.Platform, errors);
            var regions = new JsonArray();
            for (var r = 0; r < PilotValidator.MaxDraftRegions; r++)
            {
                if (Fill(form, $"{slot}.regions[{r}]", $"{target}.regions[{regions.Count}]", PilotFormFields.Region, errors) is { } region)
                {
                    regions.Add(region);
                }
            }
            if (platform is not null || regions.Count > 0)
            {
                platform ??= [];
                platform["regions"] = regions;
                platforms.Add(platform);
            }
        }
        var root = Fill(form, "", "", PilotFormFields.Summary, errors) ?? [];
        root["platforms"] = platforms;
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        try
        {
            return (root.Deserialize<PilotApplicationInput>(PilotJson.Options), errors);
        }
        catch (JsonException e)
        {
            errors.Add(new FieldError(HubExceptionHandler.JsonPathToField(e.Path), GeneralErrors.MalformedBody));
            return (null, errors);
        }
    }

    /// <summary>The fields of one slot as a JSON object, or null when the slot was left empty.</summary>
    private static JsonObject? Fill(IFormCollection form, string slot, string target, FieldSpec[] specs, List<FieldError> errors)
    {
        var obj = new JsonObject();
        var any = false;
        foreach (var spec in specs)
        {
            var name = Join(slot, spec.Path);
            var values = form[name].Select(v => v?.Trim() ?? "").Where(v => v.Length > 0).ToArray();
            if (values.Length == 0)
            {
                continue;
            }
            any = true;
            JsonNode? node = spec.Kind switch
            {
                FieldKind.Lines => new JsonArray([.. values.SelectMany(v => Separators().Split(v)).Where(v => v.Length > 0).Select(v => (JsonNode)v)]),
                FieldKind.Checkboxes => new JsonArray([.. values.Select(v => (JsonNode)v)]),
                FieldKind.Number or FieldKind.Select when spec.Kind == FieldKind.Number || spec.Options!.All(o => int.TryParse(o.Value, out _)) =>
                    decimal.TryParse(values[0], NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? JsonValue.Create(n) : null,
                _ => JsonValue.Create(values[0]),
            };
            if (node is null)
            {
                errors.Add(new FieldError(Join(target, spec.Path), GeneralErrors.MalformedBody));
                continue;
            }
            Set(obj, spec.Path, node);
        }
        return any ? obj : null;
    }

    private static void Set(JsonObject obj, string path, JsonNode value)
    {
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length - 1; i++)
        {
            obj = obj[parts[i]] as JsonObject ?? (JsonObject)(obj[parts[i]] = new JsonObject());
        }
        obj[parts[^1]] = value;
    }

    /// <summary>The values at a path of the document ("platforms[1].regions[0].schools"), for filling the form in again.</summary>
    public static string[] Values(JsonNode? root, string path)
    {
        var node = root;
        foreach (var part in path.Split('.'))
        {
            var m = Segment().Match(part);
            node = node is JsonObject o ? o[m.Groups["name"].Value] : null;
            if (m.Groups["index"].Success)
            {
                var index = int.Parse(m.Groups["index"].Value, CultureInfo.InvariantCulture);
                node = node is JsonArray a && index < a.Count ? a[index] : null;
            }
        }
        return node switch
        {
            null => [],
            JsonArray array => [.. array.Where(n => n is not null).Select(n => n!.ToString())],
            _ => [node.ToString()],
        };
    }

    public static JsonNode? Document(PilotApplicationInput input) => JsonSerializer.SerializeToNode(input, PilotJson.Options);

    public static string Join(string slot, string path) => slot.Length == 0 ? path : slot + "." + path;

    [GeneratedRegex(@"[\s,，;；]+")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^(?<name>[^\[]+)(\[(?<index>\d+)\])?$")]
    private static partial Regex Segment();
}
