using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hub.Server.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CoveringUsageLookups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_person_affiliations_person_id_organization_code_role_valid_",
                table: "person_affiliations");

            migrationBuilder.DropIndex(
                name: "ix_people_hub_id",
                table: "people");

            migrationBuilder.CreateIndex(
                name: "ix_person_affiliations_person_id_role_organization_code_valid_",
                table: "person_affiliations",
                columns: new[] { "person_id", "role", "organization_code", "valid_from" },
                unique: true)
                .Annotation("Npgsql:IndexInclude", new[] { "valid_to" });

            migrationBuilder.CreateIndex(
                name: "ix_people_hub_id",
                table: "people",
                column: "hub_id",
                unique: true)
                .Annotation("Npgsql:IndexInclude", new[] { "id", "region_code" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_person_affiliations_person_id_role_organization_code_valid_",
                table: "person_affiliations");

            migrationBuilder.DropIndex(
                name: "ix_people_hub_id",
                table: "people");

            migrationBuilder.CreateIndex(
                name: "ix_person_affiliations_person_id_organization_code_role_valid_",
                table: "person_affiliations",
                columns: new[] { "person_id", "organization_code", "role", "valid_from" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_people_hub_id",
                table: "people",
                column: "hub_id",
                unique: true);
        }
    }
}
