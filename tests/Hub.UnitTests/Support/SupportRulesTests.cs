using System.ComponentModel.DataAnnotations;
using System.Text;
using Hub.Server.Support;

namespace Hub.UnitTests.Support;

public sealed class SupportRulesTests
{
    [Theory]
    [InlineData(SupportStatus.Assigned, SupportAction.Start, true)]
    [InlineData(SupportStatus.New, SupportAction.Start, false)]
    [InlineData(SupportStatus.InProgress, SupportAction.Confirm, false)]
    [InlineData(SupportStatus.Resolved, SupportAction.Confirm, true)]
    [InlineData(SupportStatus.Resolved, SupportAction.Reopen, true)]
    [InlineData(SupportStatus.Closed, SupportAction.Reopen, false)]
    [InlineData(SupportStatus.Closed, SupportAction.Cancel, false)]
    [InlineData(SupportStatus.Cancelled, SupportAction.Assign, false)]
    [InlineData(SupportStatus.WaitingForSchool, SupportAction.Resolve, true)]
    public void Workflow_StatusAndAction_AllowedExactlyAsSpecified(SupportStatus status, SupportAction action, bool allowed) =>
        Assert.Equal(allowed, SupportWorkflow.Allows(status, action));

    [Fact]
    public void Move_WaitingForTheSchool_StopsTheResolutionClockAndResumingMovesTheDueTime()
    {
        var start = new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);
        var request = new SupportRequest { Number = "SR-1", SchoolCode = "2144000001", SchoolRegionCode = "440305", Title = "t", Description = "d", FiledBy = "x",
            Status = SupportStatus.InProgress, ResolutionDueAt = start.AddHours(4) };

        SupportWorkflow.Move(request, SupportAction.AskSchool, "a", "?", start.AddHours(1));
        SupportWorkflow.Move(request, SupportAction.Answer, "b", null, start.AddHours(3));

        Assert.Equal(start.AddHours(6), request.ResolutionDueAt);
        Assert.Null(request.ClockStoppedAt);
        Assert.Equal(2, request.Version);
        Assert.Equal([SupportStatus.WaitingForSchool, SupportStatus.InProgress], request.History.Select(h => h.To));
    }

    [Theory]
    [InlineData("440300", "440305", true)]
    [InlineData("440000", "440305", true)]
    [InlineData("440305", "440305", true)]
    [InlineData("440306", "440305", false)]
    [InlineData("440100", "440305", false)]
    [InlineData("450000", "440305", false)]
    [InlineData("110000", "110105", true)]
    public void InChain_RegionAgainstTheSchoolsRegion_OnlyItselfItsCityAndItsProvince(string code, string school, bool expected) =>
        Assert.Equal(expected, SupportRouting.InChain(code, school));

    [Fact]
    public void Team_Hours_AreChinaTime()
    {
        var team = new SupportTeam { RegionCode = "440305", Name = "t", OpenDays = [1, 2, 3, 4, 5], OpensMinute = 8 * 60, ClosesMinute = 18 * 60 };

        Assert.True(team.IsOpenAt(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero)));   // Monday 09:00 Beijing
        Assert.False(team.IsOpenAt(new DateTimeOffset(2026, 3, 2, 11, 0, 0, TimeSpan.Zero)));  // Monday 19:00 Beijing
        Assert.False(team.IsOpenAt(new DateTimeOffset(2026, 3, 7, 1, 0, 0, TimeSpan.Zero)));   // Saturday
        Assert.Equal(1440, SupportTeams.Minute("24:00"));
        Assert.Null(SupportTeams.Minute("24:30"));
        Assert.Null(SupportTeams.Minute("8:00"));
    }

    [Fact]
    public void Sniff_DecidesTheTypeFromTheContent()
    {
        Assert.Equal("image/png", SupportAttachments.Sniff([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]));
        Assert.Equal("application/pdf", SupportAttachments.Sniff("%PDF-1.7"u8));
        Assert.Equal("text/plain", SupportAttachments.Sniff(Encoding.UTF8.GetBytes("日志：网络中断\r\n")));
        Assert.Null(SupportAttachments.Sniff([0x4D, 0x5A, 0x90, 0x00]));
        Assert.Null(SupportAttachments.Sniff([0xC3, 0x28]));
        Assert.Null(SupportAttachments.FileName("../a.png"));
    }

    [Fact]
    public void Options_InvalidServiceLevels_FailValidation()
    {
        var options = new SupportOptions
        {
            ServiceLevels = [new() { Kind = "network", Urgency = "high", Response = TimeSpan.FromHours(2), Resolution = TimeSpan.FromHours(1) },
                new() { Kind = "printer", Urgency = "high", Response = TimeSpan.FromHours(1), Resolution = TimeSpan.FromHours(1) }],
        };

        var results = options.Validate(new ValidationContext(options)).ToList();

        Assert.Equal(2, results.Count);
        Assert.Equal((TimeSpan.FromMinutes(30), TimeSpan.FromHours(4)), new SupportOptions().For(SupportKind.Network, SupportUrgency.Critical));
    }
}
