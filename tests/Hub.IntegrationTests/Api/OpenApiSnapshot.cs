using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hub.IntegrationTests.Api;

/// <summary>
/// The served OpenAPI document in its committed form (specs/api/openapi.json): the request's own server replaced by
/// the documented local one, indented, readable Chinese, LF line ends. Differences are reported as JSON pointers.
/// </summary>
internal static class OpenApiSnapshot
{
    public static readonly JsonArray Servers = new(new JsonObject
    {
        ["url"] = "http://127.0.0.1:5080",
        ["description"] = "`./hub.sh up` 启动的本地枢纽；部署环境在 `{issuer}openapi/v1.json` 提供本文档，服务器地址为其 issuer。"
            + " / The local hub of `./hub.sh up`; a deployment serves this document at `{issuer}openapi/v1.json` with its issuer as the server.",
    });

    private static readonly JsonSerializerOptions Written = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Normalise(string served)
    {
        var document = JsonNode.Parse(served)!.AsObject();
        document["servers"] = Servers.DeepClone();
        return document.ToJsonString(Written).ReplaceLineEndings("\n") + "\n";
    }

    /// <summary>Up to <paramref name="max"/> places where the two documents differ, e.g. "/paths/~1api~1v1~1x/post: only in generated".</summary>
    public static List<string> Differences(JsonNode? committed, JsonNode? generated, int max = 20)
    {
        var found = new List<string>();
        Compare(committed, generated, "", found, max);
        return found;
    }

    private static void Compare(JsonNode? a, JsonNode? b, string at, List<string> found, int max)
    {
        if (found.Count >= max)
        {
            return;
        }
        switch (a, b)
        {
            case (JsonObject x, JsonObject y):
                foreach (var key in x.Select(p => p.Key).Union(y.Select(p => p.Key)))
                {
                    var pointer = at + "/" + key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
                    if (!y.ContainsKey(key)) { found.Add(pointer + ": only in the committed file"); }
                    else if (!x.ContainsKey(key)) { found.Add(pointer + ": only in the generated document"); }
                    else { Compare(x[key], y[key], pointer, found, max); }
                }
                break;
            case (JsonArray x, JsonArray y) when x.Count == y.Count:
                for (var i = 0; i < x.Count; i++)
                {
                    Compare(x[i], y[i], $"{at}/{i}", found, max);
                }
                break;
            default:
                if (!JsonNode.DeepEquals(a, b))
                {
                    found.Add($"{(at.Length == 0 ? "/" : at)}: committed {Short(a)}, generated {Short(b)}");
                }
                break;
        }
    }

    private static string Short(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length > 80 ? text[..77] + "..." : text;
    }
}
