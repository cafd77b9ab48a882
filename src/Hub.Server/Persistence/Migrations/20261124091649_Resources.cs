using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using NpgsqlTypes;

#nullable disable

namespace Hub.Server.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Resources : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "resource_vendors",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    client_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    credit_code = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    region_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    evaluation_body = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    evaluated_on = table.Column<DateOnly>(type: "date", nullable: false),
                    conclusion = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    score = table.Column<int>(type: "integer", nullable: false),
                    report_url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    status = table.Column<short>(type: "smallint", nullable: false),
                    reasons = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    applied_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_by = table.Column<string>(type: "character varying(210)", maxLength: 210, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_resource_vendors", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "resources",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    resource_id = table.Column<string>(type: "character varying(17)", maxLength: 17, nullable: false),
                    provider_id = table.Column<string>(type: "character varying(210)", maxLength: 210, nullable: false),
                    source_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    source_version = table.Column<long>(type: "bigint", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    keywords = table.Column<string[]>(type: "text[]", nullable: false),
                    subject = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    stage = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    grades = table.Column<short[]>(type: "smallint[]", nullable: false),
                    textbook_edition = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    textbook_volume = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    chapter = table.Column<string[]>(type: "text[]", nullable: false),
                    resource_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    format = table.Column<string>(type: "character varying(127)", maxLength: 127, nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: true),
                    duration = table.Column<int>(type: "integer", nullable: true),
                    language = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: false),
                    licence_kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    licence_region_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    price = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    provider_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    provider_organization_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    origin_level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    origin_region_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    origin_school_code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    location_url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    preview_url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    checksum = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    status = table.Column<short>(type: "smallint", nullable: false),
                    reasons = table.Column<string[]>(type: "text[]", nullable: false),
                    reviewed_by = table.Column<string>(type: "character varying(210)", maxLength: 210, nullable: true),
                    reviewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    approved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    change_version = table.Column<long>(type: "bigint", nullable: false, defaultValueSql: "nextval('change_version')"),
                    search = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_resources", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "usage_daily",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    resource_id = table.Column<long>(type: "bigint", nullable: false),
                    region_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    school_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    views = table.Column<long>(type: "bigint", nullable: false),
                    downloads = table.Column<long>(type: "bigint", nullable: false),
                    favourites = table.Column<long>(type: "bigint", nullable: false),
                    ratings = table.Column<long>(type: "bigint", nullable: false),
                    rating_sum = table.Column<long>(type: "bigint", nullable: false),
                    completions = table.Column<long>(type: "bigint", nullable: false),
                    seconds = table.Column<long>(type: "bigint", nullable: false),
                    events = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_usage_daily", x => new { x.region_code, x.day, x.school_code, x.resource_id });
                });

            migrationBuilder.CreateTable(
                name: "usage_events",
                columns: table => new
                {
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<long>(type: "bigint", nullable: false),
                    resource_id = table.Column<long>(type: "bigint", nullable: false),
                    type = table.Column<short>(type: "smallint", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    value = table.Column<int>(type: "integer", nullable: false),
                    platform_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    region_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    school_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_usage_events", x => x.event_id);
                });

            migrationBuilder.CreateTable(
                name: "resource_procurements",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    resource_id = table.Column<long>(type: "bigint", nullable: false),
                    region_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    school_code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    fund_source = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    valid_from = table.Column<DateOnly>(type: "date", nullable: false),
                    valid_to = table.Column<DateOnly>(type: "date", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(210)", maxLength: 210, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_resource_procurements", x => x.id);
                    table.ForeignKey(
                        name: "fk_resource_procurements_resources_resource_id",
                        column: x => x.resource_id,
                        principalTable: "resources",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "resource_pushes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    resource_id = table.Column<long>(type: "bigint", nullable: false),
                    target_kind = table.Column<short>(type: "smallint", nullable: false),
                    region_prefix = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    region_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    school_code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    class_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    person_id = table.Column<long>(type: "bigint", nullable: true),
                    roles = table.Column<short[]>(type: "smallint[]", nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    pushed_by = table.Column<string>(type: "character varying(210)", maxLength: 210, nullable: false),
                    pushed_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    pushed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    withdrawn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_resource_pushes", x => x.id);
                    table.ForeignKey(
                        name: "fk_resource_pushes_person_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "fk_resource_pushes_resources_resource_id",
                        column: x => x.resource_id,
                        principalTable: "resources",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "resource_selections",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    resource_id = table.Column<long>(type: "bigint", nullable: false),
                    region_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    school_code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    selected_by = table.Column<string>(type: "character varying(210)", maxLength: 210, nullable: false),
                    selected_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    withdrawn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_resource_selections", x => x.id);
                    table.ForeignKey(
                        name: "fk_resource_selections_resources_resource_id",
                        column: x => x.resource_id,
                        principalTable: "resources",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "resource_space_states",
                columns: table => new
                {
                    person_id = table.Column<long>(type: "bigint", nullable: false),
                    resource_id = table.Column<long>(type: "bigint", nullable: false),
                    dismissed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    saved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    rating = table.Column<short>(type: "smallint", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_resource_space_states", x => new { x.person_id, x.resource_id });
                    table.ForeignKey(
                        name: "fk_resource_space_states_person_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_resource_space_states_resources_resource_id",
                        column: x => x.resource_id,
                        principalTable: "resources",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_resource_procurements_resource_id_region_code",
                table: "resource_procurements",
                columns: new[] { "resource_id", "region_code" });

            migrationBuilder.CreateIndex(
                name: "ix_resource_pushes_person_id_pushed_at",
                table: "resource_pushes",
                columns: new[] { "person_id", "pushed_at" },
                filter: "target_kind = 3 AND withdrawn_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_resource_pushes_region_prefix_pushed_at",
                table: "resource_pushes",
                columns: new[] { "region_prefix", "pushed_at" },
                filter: "target_kind = 0 AND withdrawn_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_resource_pushes_resource_id_region_code",
                table: "resource_pushes",
                columns: new[] { "resource_id", "region_code" });

            migrationBuilder.CreateIndex(
                name: "ix_resource_pushes_school_code_pushed_at",
                table: "resource_pushes",
                columns: new[] { "school_code", "pushed_at" },
                filter: "target_kind IN (1, 2) AND withdrawn_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_resource_selections_region_code_school_code",
                table: "resource_selections",
                columns: new[] { "region_code", "school_code" });

            migrationBuilder.CreateIndex(
                name: "ix_resource_selections_resource_id_region_code_school_code",
                table: "resource_selections",
                columns: new[] { "resource_id", "region_code", "school_code" },
                unique: true,
                filter: "withdrawn_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_resource_space_states_resource_id",
                table: "resource_space_states",
                column: "resource_id");

            migrationBuilder.CreateIndex(
                name: "ix_resource_vendors_client_id_region_code",
                table: "resource_vendors",
                columns: new[] { "client_id", "region_code" });

            migrationBuilder.CreateIndex(
                name: "ix_resource_vendors_region_code_status",
                table: "resource_vendors",
                columns: new[] { "region_code", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_resources_change_version",
                table: "resources",
                column: "change_version");

            migrationBuilder.CreateIndex(
                name: "ix_resources_origin_region_code_status_id",
                table: "resources",
                columns: new[] { "origin_region_code", "status", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_resources_provider_id_source_id",
                table: "resources",
                columns: new[] { "provider_id", "source_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_resources_resource_id",
                table: "resources",
                column: "resource_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_resources_search",
                table: "resources",
                column: "search")
                .Annotation("Npgsql:IndexMethod", "GIN");

            migrationBuilder.CreateIndex(
                name: "ix_resources_status_id",
                table: "resources",
                columns: new[] { "status", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_usage_daily_resource_id_day",
                table: "usage_daily",
                columns: new[] { "resource_id", "day" });

            migrationBuilder.CreateIndex(
                name: "ix_usage_events_person_id_occurred_at",
                table: "usage_events",
                columns: new[] { "person_id", "occurred_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "resource_procurements");

            migrationBuilder.DropTable(
                name: "resource_pushes");

            migrationBuilder.DropTable(
                name: "resource_selections");

            migrationBuilder.DropTable(
                name: "resource_space_states");

            migrationBuilder.DropTable(
                name: "resource_vendors");

            migrationBuilder.DropTable(
                name: "usage_daily");

            migrationBuilder.DropTable(
                name: "usage_events");

            migrationBuilder.DropTable(
                name: "resources");
        }
    }
}
