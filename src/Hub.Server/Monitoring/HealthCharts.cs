using System.Globalization;
using System.Text;
using Hub.Server.Web;

namespace Hub.Server.Monitoring;

/// <summary>
/// Line charts as inline SVG rendered on the server: no script, no CDN, a few kilobytes per chart. Each series is a
/// polyline over the time range; the y axis starts at zero and is labelled with its maximum.
/// </summary>
public static class HealthCharts
{
    private const int Width = 640, Height = 150, Left = 56, Right = 8, Top = 10, Bottom = 22;

    public sealed record Series(string Name, string Colour, Func<HistoryPoint, double> Value);

    public static string Line(string id, string titleZh, string titleEn, IReadOnlyList<HistoryPoint> points, DateTimeOffset from, DateTimeOffset to,
        params Series[] series)
    {
        var max = Math.Max(1, points.Count == 0 ? 0 : series.Max(s => points.Max(s.Value)));
        var span = Math.Max(1, (to - from).TotalSeconds);
        double X(DateTimeOffset at) => Left + (Width - Left - Right) * Math.Clamp((at - from).TotalSeconds / span, 0, 1);
        double Y(double value) => Top + (Height - Top - Bottom) * (1 - Math.Clamp(value / max, 0, 1));
        var svg = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<figure class=\"chart\"><figcaption>{HubPage.Text(titleZh, titleEn)}</figcaption>")
            .Append(CultureInfo.InvariantCulture, $"<svg id=\"{id}\" viewBox=\"0 0 {Width} {Height}\" width=\"100%\" role=\"img\" aria-label=\"{HubPage.Encode(titleEn)}\">")
            .Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{Width - Left - Right}\" height=\"{Height - Top - Bottom}\" fill=\"#f8fafc\" stroke=\"#e4e7eb\"/>")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 4}\" y=\"{Top + 10}\" text-anchor=\"end\" font-size=\"11\">{Number(max)}</text>")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 4}\" y=\"{Height - Bottom}\" text-anchor=\"end\" font-size=\"11\">0</text>")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{Height - 6}\" font-size=\"11\">{Time(from, to - from)}</text>")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right}\" y=\"{Height - 6}\" text-anchor=\"end\" font-size=\"11\">{Time(to, to - from)}</text>");
        var legend = Left + 8;
        foreach (var s in series)
        {
            if (points.Count > 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"series\" data-series=\"{HubPage.Encode(s.Name)}\" fill=\"none\" stroke=\"{s.Colour}\" stroke-width=\"1.5\" points=\"");
                foreach (var p in points)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"{X(p.At):0.#},{Y(s.Value(p)):0.#} ");
                }
                svg.Append("\"/>");
            }
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{legend}\" y=\"{Top + 12}\" font-size=\"11\" fill=\"{s.Colour}\">{HubPage.Encode(s.Name)}</text>");
            legend += 12 + 7 * s.Name.Length;
        }
        if (points.Count == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"{Height / 2}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#616e7c\">暂无数据 No data yet</text>");
        }
        return svg.Append("</svg></figure>").ToString();
    }

    private static string Number(double value) => value >= 10_000 ? (value / 1000).ToString("0.#k", CultureInfo.InvariantCulture)
        : value.ToString(value >= 10 ? "0" : "0.##", CultureInfo.InvariantCulture);

    // China time on the axis: the operators are there.
    private static string Time(DateTimeOffset at, TimeSpan range) =>
        at.ToOffset(TimeSpan.FromHours(8)).ToString(range > TimeSpan.FromDays(1) ? "MM-dd HH:mm" : "HH:mm", CultureInfo.InvariantCulture);
}
