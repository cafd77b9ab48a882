using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hub.Server.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Federation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "upstream_providers",
                columns: table => new
                {
                    platform_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    issuer = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    client_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    client_secret_key_id = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    client_secret_ciphertext = table.Column<byte[]>(type: "bytea", nullable: false),
                    display_name_zh = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    display_name_en = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_upstream_providers", x => x.platform_id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "upstream_providers");
        }
    }
}
