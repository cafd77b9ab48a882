using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Hub.Server.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class VendorApps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "vendor_apps",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    app_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    vendor_client_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    category = table.Column<short>(type: "smallint", nullable: false),
                    redirect_uris = table.Column<string[]>(type: "text[]", nullable: false),
                    post_logout_redirect_uris = table.Column<string[]>(type: "text[]", nullable: false),
                    scopes = table.Column<string[]>(type: "text[]", nullable: false),
                    contact_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    contact_email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    contact_phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    status = table.Column<short>(type: "smallint", nullable: false),
                    oidc_client_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vendor_apps", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "app_selections",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    vendor_app_id = table.Column<long>(type: "bigint", nullable: false),
                    region_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    status = table.Column<short>(type: "smallint", nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    applied_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    applied_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    test_notes = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    reasons = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    decided_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    withdrawn_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    withdrawn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_app_selections", x => x.id);
                    table.CheckConstraint("ck_app_selections_rejected_reasons", "status <> 2 OR reasons IS NOT NULL");
                    table.ForeignKey(
                        name: "fk_app_selections_regions_region_code",
                        column: x => x.region_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_app_selections_vendor_app_vendor_app_id",
                        column: x => x.vendor_app_id,
                        principalTable: "vendor_apps",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_app_selections_region_code_id",
                table: "app_selections",
                columns: new[] { "region_code", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_app_selections_vendor_app_id_region_code",
                table: "app_selections",
                columns: new[] { "vendor_app_id", "region_code" },
                unique: true,
                filter: "status IN (0, 1)");

            migrationBuilder.CreateIndex(
                name: "ix_vendor_apps_app_id",
                table: "vendor_apps",
                column: "app_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_vendor_apps_vendor_client_id_id",
                table: "vendor_apps",
                columns: new[] { "vendor_client_id", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "app_selections");

            migrationBuilder.DropTable(
                name: "vendor_apps");
        }
    }
}
