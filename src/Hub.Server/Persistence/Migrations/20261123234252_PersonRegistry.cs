using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Hub.Server.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PersonRegistry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "people",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    hub_id = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    document_type = table.Column<short>(type: "smallint", nullable: true),
                    document_index = table.Column<byte[]>(type: "bytea", nullable: true),
                    document_key_id = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    document_ciphertext = table.Column<byte[]>(type: "bytea", nullable: true),
                    document_masked = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    student_number_kind = table.Column<char>(type: "character(1)", nullable: true),
                    student_number_index = table.Column<byte[]>(type: "bytea", nullable: true),
                    student_number_key_id = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    student_number_ciphertext = table.Column<byte[]>(type: "bytea", nullable: true),
                    student_number_masked = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    gender = table.Column<short>(type: "smallint", nullable: false),
                    birth_date = table.Column<DateOnly>(type: "date", nullable: true),
                    roles = table.Column<short[]>(type: "smallint[]", nullable: false),
                    region_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    status = table.Column<short>(type: "smallint", nullable: false),
                    merged_into_id = table.Column<long>(type: "bigint", nullable: true),
                    verification_level = table.Column<short>(type: "smallint", nullable: false),
                    verified_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    verified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    change_version = table.Column<long>(type: "bigint", nullable: false, defaultValueSql: "nextval('change_version')"),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_people", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "guardian_links",
                columns: table => new
                {
                    parent_id = table.Column<long>(type: "bigint", nullable: false),
                    student_id = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_guardian_links", x => new { x.parent_id, x.student_id });
                    table.ForeignKey(
                        name: "fk_guardian_links_person_parent_id",
                        column: x => x.parent_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_guardian_links_person_student_id",
                        column: x => x.student_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identity_review_cases",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    person_id = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<short>(type: "smallint", nullable: false),
                    platform_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    local_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    proposed_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    region_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    status = table.Column<short>(type: "smallint", nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolved_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    resolution = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_review_cases", x => x.id);
                    table.ForeignKey(
                        name: "fk_identity_review_cases_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "pairwise_subjects",
                columns: table => new
                {
                    client_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    subject = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    person_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pairwise_subjects", x => new { x.client_id, x.subject });
                    table.ForeignKey(
                        name: "fk_pairwise_subjects_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "person_affiliations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    person_id = table.Column<long>(type: "bigint", nullable: false),
                    organization_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    role = table.Column<short>(type: "smallint", nullable: false),
                    valid_from = table.Column<DateOnly>(type: "date", nullable: false),
                    valid_to = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_person_affiliations", x => x.id);
                    table.ForeignKey(
                        name: "fk_person_affiliations_person_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "person_aliases",
                columns: table => new
                {
                    hub_id = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    person_id = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_person_aliases", x => x.hub_id);
                    table.ForeignKey(
                        name: "fk_person_aliases_person_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "person_credentials",
                columns: table => new
                {
                    person_id = table.Column<long>(type: "bigint", nullable: false),
                    password_hash = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    failed_attempts = table.Column<int>(type: "integer", nullable: false),
                    locked_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_person_credentials", x => x.person_id);
                    table.ForeignKey(
                        name: "fk_person_credentials_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "person_key_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    change_version = table.Column<long>(type: "bigint", nullable: false, defaultValueSql: "nextval('change_version')"),
                    person_id = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<short>(type: "smallint", nullable: false),
                    old_value_masked = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    new_value_masked = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    merged_hub_id = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    actor = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_person_key_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_person_key_changes_person_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "person_links",
                columns: table => new
                {
                    platform_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    local_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    person_id = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_person_links", x => new { x.platform_id, x.local_id });
                    table.ForeignKey(
                        name: "fk_person_links_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_guardian_links_student_id",
                table: "guardian_links",
                column: "student_id");

            migrationBuilder.CreateIndex(
                name: "ix_identity_review_cases_person_id",
                table: "identity_review_cases",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_identity_review_cases_region_code_status_id",
                table: "identity_review_cases",
                columns: new[] { "region_code", "status", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_pairwise_subjects_person_id_client_id",
                table: "pairwise_subjects",
                columns: new[] { "person_id", "client_id" });

            migrationBuilder.CreateIndex(
                name: "ix_people_change_version",
                table: "people",
                column: "change_version");

            migrationBuilder.CreateIndex(
                name: "ix_people_document_index",
                table: "people",
                column: "document_index",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_people_hub_id",
                table: "people",
                column: "hub_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_people_region_code_id",
                table: "people",
                columns: new[] { "region_code", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_people_student_number_index",
                table: "people",
                column: "student_number_index",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_person_affiliations_person_id_organization_code_role_valid_",
                table: "person_affiliations",
                columns: new[] { "person_id", "organization_code", "role", "valid_from" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_person_aliases_person_id",
                table: "person_aliases",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_person_key_changes_change_version",
                table: "person_key_changes",
                column: "change_version");

            migrationBuilder.CreateIndex(
                name: "ix_person_key_changes_person_id",
                table: "person_key_changes",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_person_links_person_id",
                table: "person_links",
                column: "person_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "guardian_links");

            migrationBuilder.DropTable(
                name: "identity_review_cases");

            migrationBuilder.DropTable(
                name: "pairwise_subjects");

            migrationBuilder.DropTable(
                name: "person_affiliations");

            migrationBuilder.DropTable(
                name: "person_aliases");

            migrationBuilder.DropTable(
                name: "person_credentials");

            migrationBuilder.DropTable(
                name: "person_key_changes");

            migrationBuilder.DropTable(
                name: "person_links");

            migrationBuilder.DropTable(
                name: "people");
        }
    }
}
