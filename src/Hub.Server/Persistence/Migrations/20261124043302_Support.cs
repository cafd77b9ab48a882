using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Hub.Server.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Support : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "school_code",
                table: "operator_accounts",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "school_id",
                table: "operator_accounts",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "support_devices",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    school_id = table.Column<long>(type: "bigint", nullable: false),
                    school_code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    region_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    category = table.Column<short>(type: "smallint", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    classroom = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    model = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    serial_number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    status = table.Column<short>(type: "smallint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_support_devices", x => x.id);
                    table.UniqueConstraint("ak_support_devices_id_school_id", x => new { x.id, x.school_id });
                    table.ForeignKey(
                        name: "fk_support_devices_organizations_school_id",
                        column: x => x.school_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "support_experts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    region_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    person_id = table.Column<long>(type: "bigint", nullable: false),
                    subjects = table.Column<string[]>(type: "text[]", nullable: false),
                    stages = table.Column<short[]>(type: "smallint[]", nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_support_experts", x => x.id);
                    table.UniqueConstraint("ak_support_experts_id_region_code", x => new { x.id, x.region_code });
                    table.ForeignKey(
                        name: "fk_support_experts_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_support_experts_regions_region_code",
                        column: x => x.region_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "support_number_counters",
                columns: table => new
                {
                    region_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    last = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_support_number_counters", x => new { x.region_code, x.year });
                });

            migrationBuilder.CreateTable(
                name: "support_teams",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    region_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    kinds = table.Column<short[]>(type: "smallint[]", nullable: false),
                    open_days = table.Column<short[]>(type: "smallint[]", nullable: false),
                    opens_minute = table.Column<short>(type: "smallint", nullable: false),
                    closes_minute = table.Column<short>(type: "smallint", nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_support_teams", x => x.id);
                    table.UniqueConstraint("ak_support_team_id_region_code", x => new { x.id, x.region_code });
                    table.CheckConstraint("ck_support_teams_hours", "opens_minute >= 0 AND opens_minute < closes_minute AND closes_minute <= 1440");
                    table.ForeignKey(
                        name: "fk_support_teams_regions_region_code",
                        column: x => x.region_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "support_requests",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    number = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    school_id = table.Column<long>(type: "bigint", nullable: false),
                    school_code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    school_region_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    kind = table.Column<short>(type: "smallint", nullable: false),
                    urgency = table.Column<short>(type: "smallint", nullable: false),
                    title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    classroom = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    device_id = table.Column<long>(type: "bigint", nullable: true),
                    subject = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    stage = table.Column<short>(type: "smallint", nullable: true),
                    status = table.Column<short>(type: "smallint", nullable: false),
                    assigned_team_id = table.Column<long>(type: "bigint", nullable: true),
                    assigned_expert_id = table.Column<long>(type: "bigint", nullable: true),
                    assigned_region_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    assignee_person_id = table.Column<long>(type: "bigint", nullable: true),
                    escalated_region_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    filed_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    reporter_person_id = table.Column<long>(type: "bigint", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    assigned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    responded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    response_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    resolution_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    clock_stopped_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    response_breached_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolution_breached_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolution = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    rating = table.Column<short>(type: "smallint", nullable: true),
                    rating_remark = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_support_requests", x => x.id);
                    table.CheckConstraint("ck_support_requests_assigned_in_chain", "assigned_region_code IS NULL OR assigned_region_code = school_region_code OR (right(assigned_region_code, 2) = '00' AND right(assigned_region_code, 4) <> '0000' AND left(assigned_region_code, 4) = left(school_region_code, 4)) OR (right(assigned_region_code, 4) = '0000' AND left(assigned_region_code, 2) = left(school_region_code, 2))");
                    table.CheckConstraint("ck_support_requests_escalated_in_chain", "escalated_region_code IS NULL OR escalated_region_code = school_region_code OR (right(escalated_region_code, 2) = '00' AND right(escalated_region_code, 4) <> '0000' AND left(escalated_region_code, 4) = left(school_region_code, 4)) OR (right(escalated_region_code, 4) = '0000' AND left(escalated_region_code, 2) = left(school_region_code, 2))");
                    table.CheckConstraint("ck_support_requests_one_assignee", "(assigned_team_id IS NULL OR assigned_expert_id IS NULL) AND ((assigned_team_id IS NULL AND assigned_expert_id IS NULL) = (assigned_region_code IS NULL))");
                    table.CheckConstraint("ck_support_requests_rating", "rating IS NULL OR rating BETWEEN 1 AND 5");
                    table.ForeignKey(
                        name: "fk_support_requests_device_school",
                        columns: x => new { x.device_id, x.school_id },
                        principalTable: "support_devices",
                        principalColumns: new[] { "id", "school_id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_support_requests_expert_region",
                        columns: x => new { x.assigned_expert_id, x.assigned_region_code },
                        principalTable: "support_experts",
                        principalColumns: new[] { "id", "region_code" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_support_requests_organizations_school_id",
                        column: x => x.school_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_support_requests_people_assignee_person_id",
                        column: x => x.assignee_person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_support_requests_people_reporter_person_id",
                        column: x => x.reporter_person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_support_requests_regions_school_region_code",
                        column: x => x.school_region_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_support_requests_team_region",
                        columns: x => new { x.assigned_team_id, x.assigned_region_code },
                        principalTable: "support_teams",
                        principalColumns: new[] { "id", "region_code" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "support_team_members",
                columns: table => new
                {
                    team_id = table.Column<long>(type: "bigint", nullable: false),
                    person_id = table.Column<long>(type: "bigint", nullable: false),
                    is_lead = table.Column<bool>(type: "boolean", nullable: false),
                    added_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_support_team_members", x => new { x.team_id, x.person_id });
                    table.ForeignKey(
                        name: "fk_support_team_members_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_support_team_members_support_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "support_teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "support_attachments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    request_id = table.Column<long>(type: "bigint", nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    content_type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    size = table.Column<int>(type: "integer", nullable: false),
                    sha256 = table.Column<byte[]>(type: "bytea", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    uploaded_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_support_attachments", x => x.id);
                    table.CheckConstraint("ck_support_attachments_size", "size > 0 AND size = octet_length(content)");
                    table.ForeignKey(
                        name: "fk_support_attachments_support_request_request_id",
                        column: x => x.request_id,
                        principalTable: "support_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "support_breaches",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    request_id = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<short>(type: "smallint", nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    detected_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    from_region_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    escalated_to_region_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_support_breaches", x => x.id);
                    table.ForeignKey(
                        name: "fk_support_breaches_support_request_request_id",
                        column: x => x.request_id,
                        principalTable: "support_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "support_comments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    request_id = table.Column<long>(type: "bigint", nullable: false),
                    side = table.Column<short>(type: "smallint", nullable: false),
                    @internal = table.Column<bool>(name: "internal", type: "boolean", nullable: false),
                    actor = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    body = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_support_comments", x => x.id);
                    table.ForeignKey(
                        name: "fk_support_comments_support_request_request_id",
                        column: x => x.request_id,
                        principalTable: "support_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "support_transitions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    request_id = table.Column<long>(type: "bigint", nullable: false),
                    from = table.Column<short>(type: "smallint", nullable: true),
                    to = table.Column<short>(type: "smallint", nullable: false),
                    action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    actor = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_support_transitions", x => x.id);
                    table.ForeignKey(
                        name: "fk_support_transitions_support_requests_request_id",
                        column: x => x.request_id,
                        principalTable: "support_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_operator_accounts_school_id",
                table: "operator_accounts",
                column: "school_id");

            migrationBuilder.CreateIndex(
                name: "ix_support_attachments_request_id_id",
                table: "support_attachments",
                columns: new[] { "request_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_support_breaches_request_id_kind",
                table: "support_breaches",
                columns: new[] { "request_id", "kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_support_comments_request_id_id",
                table: "support_comments",
                columns: new[] { "request_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_support_devices_region_code_model",
                table: "support_devices",
                columns: new[] { "region_code", "model" });

            migrationBuilder.CreateIndex(
                name: "ix_support_devices_school_id_serial_number",
                table: "support_devices",
                columns: new[] { "school_id", "serial_number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_support_experts_person_id",
                table: "support_experts",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_support_experts_region_code_person_id",
                table: "support_experts",
                columns: new[] { "region_code", "person_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_support_requests_assigned_expert_id_assigned_region_code",
                table: "support_requests",
                columns: new[] { "assigned_expert_id", "assigned_region_code" });

            migrationBuilder.CreateIndex(
                name: "ix_support_requests_assigned_expert_id_status",
                table: "support_requests",
                columns: new[] { "assigned_expert_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_support_requests_assigned_team_id_assigned_region_code",
                table: "support_requests",
                columns: new[] { "assigned_team_id", "assigned_region_code" });

            migrationBuilder.CreateIndex(
                name: "ix_support_requests_assigned_team_id_status",
                table: "support_requests",
                columns: new[] { "assigned_team_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_support_requests_assignee_person_id",
                table: "support_requests",
                column: "assignee_person_id");

            migrationBuilder.CreateIndex(
                name: "ix_support_requests_device_id_created_at",
                table: "support_requests",
                columns: new[] { "device_id", "created_at" },
                filter: "device_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_support_requests_device_id_school_id",
                table: "support_requests",
                columns: new[] { "device_id", "school_id" });

            migrationBuilder.CreateIndex(
                name: "ix_support_requests_number",
                table: "support_requests",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_support_requests_reporter_person_id",
                table: "support_requests",
                column: "reporter_person_id");

            migrationBuilder.CreateIndex(
                name: "ix_support_requests_resolution_due_at",
                table: "support_requests",
                column: "resolution_due_at",
                filter: "status IN (0, 1, 2, 6)");

            migrationBuilder.CreateIndex(
                name: "ix_support_requests_resolved_at",
                table: "support_requests",
                column: "resolved_at",
                filter: "status = 4");

            migrationBuilder.CreateIndex(
                name: "ix_support_requests_school_id_id",
                table: "support_requests",
                columns: new[] { "school_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_support_requests_school_region_code_id",
                table: "support_requests",
                columns: new[] { "school_region_code", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_support_team_members_person_id",
                table: "support_team_members",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_support_teams_region_code_id",
                table: "support_teams",
                columns: new[] { "region_code", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_support_transitions_request_id_id",
                table: "support_transitions",
                columns: new[] { "request_id", "id" });

            migrationBuilder.AddForeignKey(
                name: "fk_operator_accounts_organization_school_id",
                table: "operator_accounts",
                column: "school_id",
                principalTable: "organizations",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_operator_accounts_organization_school_id",
                table: "operator_accounts");

            migrationBuilder.DropTable(
                name: "support_attachments");

            migrationBuilder.DropTable(
                name: "support_breaches");

            migrationBuilder.DropTable(
                name: "support_comments");

            migrationBuilder.DropTable(
                name: "support_number_counters");

            migrationBuilder.DropTable(
                name: "support_team_members");

            migrationBuilder.DropTable(
                name: "support_transitions");

            migrationBuilder.DropTable(
                name: "support_requests");

            migrationBuilder.DropTable(
                name: "support_devices");

            migrationBuilder.DropTable(
                name: "support_experts");

            migrationBuilder.DropTable(
                name: "support_teams");

            migrationBuilder.DropIndex(
                name: "ix_operator_accounts_school_id",
                table: "operator_accounts");

            migrationBuilder.DropColumn(
                name: "school_code",
                table: "operator_accounts");

            migrationBuilder.DropColumn(
                name: "school_id",
                table: "operator_accounts");
        }
    }
}
