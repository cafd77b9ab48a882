using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Hub.Server.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PlatformAccess : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "platform_accesses",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    public_id = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    region_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    form = table.Column<string>(type: "jsonb", nullable: false),
                    jwks = table.Column<string>(type: "jsonb", nullable: true),
                    status = table.Column<short>(type: "smallint", nullable: false),
                    client_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    rabbit_mq_user = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    origin = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    change_version = table.Column<long>(type: "bigint", nullable: false, defaultValueSql: "nextval('change_version')")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_accesses", x => x.id);
                    table.ForeignKey(
                        name: "fk_platform_accesses_regions_region_code",
                        column: x => x.region_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "platform_access_transitions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    platform_access_id = table.Column<long>(type: "bigint", nullable: false),
                    from = table.Column<short>(type: "smallint", nullable: true),
                    to = table.Column<short>(type: "smallint", nullable: false),
                    actor = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    reasons = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_access_transitions", x => x.id);
                    table.ForeignKey(
                        name: "fk_platform_access_transitions_platform_accesses_platform_acce",
                        column: x => x.platform_access_id,
                        principalTable: "platform_accesses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_platform_access_transitions_platform_access_id_at",
                table: "platform_access_transitions",
                columns: new[] { "platform_access_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_platform_accesses_change_version",
                table: "platform_accesses",
                column: "change_version");

            migrationBuilder.CreateIndex(
                name: "ix_platform_accesses_client_id",
                table: "platform_accesses",
                column: "client_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_platform_accesses_public_id",
                table: "platform_accesses",
                column: "public_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_platform_accesses_region_code_id",
                table: "platform_accesses",
                columns: new[] { "region_code", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "platform_access_transitions");

            migrationBuilder.DropTable(
                name: "platform_accesses");
        }
    }
}
