using System;
using Hub.Server.Regions;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Hub.Server.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Organizations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "regions",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    level = table.Column<short>(type: "smallint", nullable: false),
                    parent_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    valid_from = table.Column<DateOnly>(type: "date", nullable: true),
                    valid_to = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_regions", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "operator_accounts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    person_id = table.Column<long>(type: "bigint", nullable: false),
                    region_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    level = table.Column<short>(type: "smallint", nullable: false),
                    permissions = table.Column<string[]>(type: "text[]", nullable: false),
                    granted_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    granted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_operator_accounts", x => x.id);
                    table.ForeignKey(
                        name: "fk_operator_accounts_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_operator_accounts_regions_region_code",
                        column: x => x.region_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "organizations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    kind = table.Column<short>(type: "smallint", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    region_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    level = table.Column<short>(type: "smallint", nullable: false),
                    school_type = table.Column<short>(type: "smallint", nullable: true),
                    bandwidth_mbps = table.Column<int>(type: "integer", nullable: true),
                    class_count = table.Column<int>(type: "integer", nullable: true),
                    multimedia_class_count = table.Column<int>(type: "integer", nullable: true),
                    mobile_terminal_class_count = table.Column<int>(type: "integer", nullable: true),
                    teacher_count = table.Column<int>(type: "integer", nullable: true),
                    student_count = table.Column<int>(type: "integer", nullable: true),
                    status = table.Column<short>(type: "smallint", nullable: false),
                    created_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    change_version = table.Column<long>(type: "bigint", nullable: false, defaultValueSql: "nextval('change_version')")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_organizations", x => x.id);
                    table.CheckConstraint("ck_organizations_classes", "multimedia_class_count <= class_count AND mobile_terminal_class_count <= class_count");
                    table.ForeignKey(
                        name: "fk_organizations_regions_region_code",
                        column: x => x.region_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_operator_accounts_person_id",
                table: "operator_accounts",
                column: "person_id",
                unique: true,
                filter: "revoked_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_operator_accounts_region_code",
                table: "operator_accounts",
                column: "region_code");

            migrationBuilder.CreateIndex(
                name: "ix_organizations_change_version",
                table: "organizations",
                column: "change_version");

            migrationBuilder.CreateIndex(
                name: "ix_organizations_code",
                table: "organizations",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_organizations_region_code_id",
                table: "organizations",
                columns: new[] { "region_code", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_regions_parent_code",
                table: "regions",
                column: "parent_code");

            // The GB/T 2260 table is data, loaded here from the file embedded in this build; a later data file
            // comes with a migration that runs the same upsert.
            migrationBuilder.Sql(RegionRecord.UpsertSql(RegionCatalog.Default));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "operator_accounts");

            migrationBuilder.DropTable(
                name: "organizations");

            migrationBuilder.DropTable(
                name: "regions");
        }
    }
}
