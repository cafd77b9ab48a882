using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Hub.Server.Web;

/// <summary>
/// The hub's few server-rendered pages (sign-in, consent, my account): plain HTML, zh-CN first with English
/// alongside, no scripts, so they work in any browser a school has.
/// </summary>
public static class HubPage
{
    private const string Style = """
        body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;background:#f4f6f8;margin:0;color:#1f2933}
        main{max-width:28rem;margin:4rem auto;background:#fff;border-radius:8px;padding:2rem;box-shadow:0 1px 4px rgba(0,0,0,.12)}
        h1{font-size:1.4rem;margin:0 0 .25rem} .en{color:#616e7c;font-size:.85em} label{display:block;margin:1rem 0 .25rem}
        input[type=text],input[type=password]{width:100%;padding:.6rem;box-sizing:border-box;border:1px solid #cbd2d9;border-radius:4px}
        button{margin-top:1.25rem;padding:.6rem 1.2rem;border:0;border-radius:4px;background:#1d5fbf;color:#fff;font-size:1rem;cursor:pointer}
        button .en{color:inherit;opacity:.85} button.secondary{background:#e4e7eb;color:#1f2933} .error{color:#b3261e;margin-top:1rem} ul{padding-left:1.2rem} li{margin:.35rem 0}
        table{width:100%;border-collapse:collapse} td,th{text-align:left;padding:.4rem;border-bottom:1px solid #e4e7eb}
        """;

    public static IResult Render(string titleZh, string titleEn, string bodyHtml, int statusCode = 200)
    {
        var html = new StringBuilder()
            .Append("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
            .Append("<title>").Append(Encode(titleZh)).Append(" · ").Append(Encode(titleEn)).Append("</title>")
            .Append("<style>").Append(Style).Append("</style></head><body><main>")
            .Append("<h1>").Append(Encode(titleZh)).Append("</h1><div class=\"en\">").Append(Encode(titleEn)).Append("</div>")
            .Append(bodyHtml)
            .Append("</main></body></html>")
            .ToString();
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, statusCode);
    }

    // Keep CJK as characters (the default encoder escapes everything outside Basic Latin).
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Encode(string? value) => Encoder.Encode(value ?? "");

    public static string Hidden(string name, string? value) =>
        $"<input type=\"hidden\" name=\"{Encode(name)}\" value=\"{Encode(value)}\">";

    /// <summary>Bilingual text: Chinese, then English in a smaller grey line.</summary>
    public static string Text(string zh, string en) => $"{Encode(zh)} <span class=\"en\">{Encode(en)}</span>";
}
