using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Hub.Server.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DataExchange : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "removed_at",
                table: "person_links",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "source_version",
                table: "person_links",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "destination",
                table: "outbox_messages",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "change_tombstones",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    change_version = table.Column<long>(type: "bigint", nullable: false, defaultValueSql: "nextval('change_version')"),
                    entity = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    key = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    region_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    platform_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    reason = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_change_tombstones", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "organization_sources",
                columns: table => new
                {
                    platform_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    source_version = table.Column<long>(type: "bigint", nullable: false),
                    removed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_organization_sources", x => new { x.platform_id, x.code });
                });

            migrationBuilder.CreateTable(
                name: "platform_sync_states",
                columns: table => new
                {
                    platform_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    last_heartbeat_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    adapter_version = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    source_counts = table.Column<string>(type: "jsonb", nullable: false),
                    last_source_version = table.Column<long>(type: "bigint", nullable: false),
                    pending_outbox = table.Column<long>(type: "bigint", nullable: false),
                    acknowledged_hub_version = table.Column<long>(type: "bigint", nullable: false),
                    messages_in = table.Column<long>(type: "bigint", nullable: false),
                    records_applied = table.Column<long>(type: "bigint", nullable: false),
                    records_rejected = table.Column<long>(type: "bigint", nullable: false),
                    last_batch_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_sync_states", x => x.platform_id);
                });

            migrationBuilder.CreateTable(
                name: "reconciliation_rounds",
                columns: table => new
                {
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    platform_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    entity = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    status = table.Column<short>(type: "smallint", nullable: false),
                    source_count = table.Column<long>(type: "bigint", nullable: false),
                    hub_count = table.Column<long>(type: "bigint", nullable: false),
                    mismatched_ranges = table.Column<int>(type: "integer", nullable: false),
                    repaired_keys = table.Column<int>(type: "integer", nullable: false),
                    pending_prefixes = table.Column<string[]>(type: "text[]", nullable: false),
                    region_counts = table.Column<string>(type: "jsonb", nullable: true),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reconciliation_rounds", x => x.request_id);
                });

            migrationBuilder.CreateTable(
                name: "removal_holds",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    platform_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    region_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    batch_id = table.Column<Guid>(type: "uuid", nullable: false),
                    removals = table.Column<string>(type: "jsonb", nullable: false),
                    count = table.Column<int>(type: "integer", nullable: false),
                    share = table.Column<double>(type: "double precision", nullable: false),
                    status = table.Column<short>(type: "smallint", nullable: false),
                    held_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_removal_holds", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "removed_keys",
                columns: table => new
                {
                    platform_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    entity = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    key = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    removed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_removed_keys", x => new { x.platform_id, x.entity, x.key });
                });

            migrationBuilder.CreateIndex(
                name: "ix_change_tombstones_change_version",
                table: "change_tombstones",
                column: "change_version");

            migrationBuilder.CreateIndex(
                name: "ix_change_tombstones_platform_id_occurred_at",
                table: "change_tombstones",
                columns: new[] { "platform_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_reconciliation_rounds_platform_id_entity_started_at",
                table: "reconciliation_rounds",
                columns: new[] { "platform_id", "entity", "started_at" });

            migrationBuilder.CreateIndex(
                name: "ix_removal_holds_batch_id",
                table: "removal_holds",
                column: "batch_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_removal_holds_region_code_status_id",
                table: "removal_holds",
                columns: new[] { "region_code", "status", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "change_tombstones");

            migrationBuilder.DropTable(
                name: "organization_sources");

            migrationBuilder.DropTable(
                name: "platform_sync_states");

            migrationBuilder.DropTable(
                name: "reconciliation_rounds");

            migrationBuilder.DropTable(
                name: "removal_holds");

            migrationBuilder.DropTable(
                name: "removed_keys");

            migrationBuilder.DropColumn(
                name: "removed_at",
                table: "person_links");

            migrationBuilder.DropColumn(
                name: "source_version",
                table: "person_links");

            migrationBuilder.DropColumn(
                name: "destination",
                table: "outbox_messages");
        }
    }
}
