using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Hub.Server.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Monitoring : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "messages_out",
                table: "platform_sync_states",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "token_failures",
                table: "platform_sync_states",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "token_requests",
                table: "platform_sync_states",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "alert_deliveries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    alert_id = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    body = table.Column<string>(type: "jsonb", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    available_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    delivered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alert_deliveries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "alert_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    alert_id = table.Column<long>(type: "bigint", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alert_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "monitoring_alerts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    rule = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    subject = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    severity = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    platform_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    region_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    status = table.Column<short>(type: "smallint", nullable: false),
                    summary_zh = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    summary_en = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    fired_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_monitoring_alerts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "platform_health_samples",
                columns: table => new
                {
                    platform_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    resolution = table.Column<short>(type: "smallint", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    state = table.Column<short>(type: "smallint", nullable: false),
                    flags = table.Column<short>(type: "smallint", nullable: false),
                    heartbeat_age = table.Column<int>(type: "integer", nullable: true),
                    lag_versions = table.Column<long>(type: "bigint", nullable: false),
                    outbox_age = table.Column<int>(type: "integer", nullable: false),
                    inbox_depth = table.Column<long>(type: "bigint", nullable: false),
                    adapter_pending = table.Column<long>(type: "bigint", nullable: false),
                    dead_letters = table.Column<int>(type: "integer", nullable: false),
                    messages_in = table.Column<long>(type: "bigint", nullable: false),
                    messages_out = table.Column<long>(type: "bigint", nullable: false),
                    records_applied = table.Column<long>(type: "bigint", nullable: false),
                    records_rejected = table.Column<long>(type: "bigint", nullable: false),
                    token_requests = table.Column<long>(type: "bigint", nullable: false),
                    token_failures = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_health_samples", x => new { x.platform_id, x.resolution, x.at });
                });

            migrationBuilder.CreateTable(
                name: "platform_rejection_counts",
                columns: table => new
                {
                    platform_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    count = table.Column<long>(type: "bigint", nullable: false),
                    last_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_rejection_counts", x => new { x.platform_id, x.code });
                });

            migrationBuilder.CreateIndex(
                name: "ix_alert_deliveries_due",
                table: "alert_deliveries",
                column: "id",
                filter: "delivered_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_alert_events_alert_id_id",
                table: "alert_events",
                columns: new[] { "alert_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_monitoring_alerts_fired_at",
                table: "monitoring_alerts",
                column: "fired_at");

            migrationBuilder.CreateIndex(
                name: "ux_monitoring_alerts_firing",
                table: "monitoring_alerts",
                columns: new[] { "rule", "subject" },
                unique: true,
                filter: "status = 0");

            migrationBuilder.CreateIndex(
                name: "ix_platform_health_samples_resolution_at",
                table: "platform_health_samples",
                columns: new[] { "resolution", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alert_deliveries");

            migrationBuilder.DropTable(
                name: "alert_events");

            migrationBuilder.DropTable(
                name: "monitoring_alerts");

            migrationBuilder.DropTable(
                name: "platform_health_samples");

            migrationBuilder.DropTable(
                name: "platform_rejection_counts");

            migrationBuilder.DropColumn(
                name: "messages_out",
                table: "platform_sync_states");

            migrationBuilder.DropColumn(
                name: "token_failures",
                table: "platform_sync_states");

            migrationBuilder.DropColumn(
                name: "token_requests",
                table: "platform_sync_states");
        }
    }
}
