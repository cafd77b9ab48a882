using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Hub.Server.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PilotApplication : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "pilot_applications",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    kind = table.Column<short>(type: "smallint", nullable: false),
                    region_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    status = table.Column<short>(type: "smallint", nullable: false),
                    content_json = table.Column<string>(type: "jsonb", nullable: false),
                    created_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decided_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decision_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    change_version = table.Column<long>(type: "bigint", nullable: false, defaultValueSql: "nextval('change_version')")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pilot_applications", x => x.id);
                    table.ForeignKey(
                        name: "fk_pilot_applications_regions_region_code",
                        column: x => x.region_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "pilot_scorings",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    application_id = table.Column<long>(type: "bigint", nullable: false),
                    expert = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    scores_json = table.Column<string>(type: "jsonb", nullable: false),
                    opinion = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pilot_scorings", x => x.id);
                    table.ForeignKey(
                        name: "fk_pilot_scorings_pilot_applications_application_id",
                        column: x => x.application_id,
                        principalTable: "pilot_applications",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_pilot_applications_region_code_id",
                table: "pilot_applications",
                columns: new[] { "region_code", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_pilot_applications_status",
                table: "pilot_applications",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_pilot_scorings_application_id_expert",
                table: "pilot_scorings",
                columns: new[] { "application_id", "expert" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pilot_scorings");

            migrationBuilder.DropTable(
                name: "pilot_applications");
        }
    }
}
