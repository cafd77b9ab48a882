using Hub.Contracts.V1;
using Hub.Server.Exchange.Delivery;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Hub.Server.Monitoring;

/// <summary>
/// Raises a support.sla_breach alert for each <see cref="SupportServiceLevelBreached"/> the support checker publishes
/// (endpoint hub-support-breach). The inbox mark and the alert commit together, so a redelivery after the alert
/// was resolved does not fire it again.
/// </summary>
public sealed class SupportBreachConsumer(Alerts alerts, Outbox outbox, IOptions<MonitoringOptions> options, TimeProvider clock) : IConsumer<SupportServiceLevelBreached>
{
    public async Task Consume(ConsumeContext<SupportServiceLevelBreached> context)
    {
        var breach = context.Message;
        if (!options.Value.Alerts.SupportBreach || context.MessageId is not { } messageId)
        {
            return;
        }
        var critical = breach.Urgency is "critical" or "high";
        var what = breach.Breach == "response" ? ("未在时限内响应", "was not responded to in time") : ("未在时限内解决", "was not resolved in time");
        var spec = new AlertSpec(AlertRuleNames.SupportBreach, $"{breach.RequestNumber}:{breach.Breach}", critical ? "critical" : "warning", null,
            breach.SchoolRegionCode, $"技术支持请求 {breach.RequestNumber}（学校 {breach.SchoolCode}）{what.Item1}",
            $"Support request {breach.RequestNumber} (school {breach.SchoolCode}) {what.Item2}");
        await alerts.FireAsync(spec, clock.GetUtcNow(), context.CancellationToken,
            ct => outbox.TryBeginAsync(nameof(SupportBreachConsumer), messageId, ct));
    }
}
