using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Hub.Server.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Space : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "class_code",
                table: "person_affiliations",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "guardian_space_access",
                table: "organizations",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "space_announcements",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    sender_actor = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    sender_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    sender_kind = table.Column<short>(type: "smallint", nullable: false),
                    title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    body = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false),
                    region_prefix = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    region_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    school_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    class_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    roles = table.Column<short[]>(type: "smallint[]", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    withdrawn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_space_announcements", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "space_blobs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    owner_person_id = table.Column<long>(type: "bigint", nullable: false),
                    content_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    stored_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    storage_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<short>(type: "smallint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_space_blobs", x => x.id);
                    table.ForeignKey(
                        name: "fk_space_blobs_people_owner_person_id",
                        column: x => x.owner_person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "space_direct_messages",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    sender_person_id = table.Column<long>(type: "bigint", nullable: true),
                    sender_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    source = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    recipient_person_id = table.Column<long>(type: "bigint", nullable: false),
                    subject = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    body = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false),
                    reply_to_id = table.Column<long>(type: "bigint", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_space_direct_messages", x => x.id);
                    table.ForeignKey(
                        name: "fk_space_direct_messages_people_recipient_person_id",
                        column: x => x.recipient_person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_space_direct_messages_people_sender_person_id",
                        column: x => x.sender_person_id,
                        principalTable: "people",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "space_person_keys",
                columns: table => new
                {
                    person_id = table.Column<long>(type: "bigint", nullable: false),
                    master_key_id = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    wrapped_key = table.Column<byte[]>(type: "bytea", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_space_person_keys", x => x.person_id);
                    table.ForeignKey(
                        name: "fk_space_person_keys_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "space_announcement_reads",
                columns: table => new
                {
                    announcement_id = table.Column<long>(type: "bigint", nullable: false),
                    person_id = table.Column<long>(type: "bigint", nullable: false),
                    read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_space_announcement_reads", x => new { x.person_id, x.announcement_id });
                    table.ForeignKey(
                        name: "fk_space_announcement_reads_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_space_announcement_reads_space_announcements_announcement_id",
                        column: x => x.announcement_id,
                        principalTable: "space_announcements",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "space_blob_copies",
                columns: table => new
                {
                    blob_id = table.Column<long>(type: "bigint", nullable: false),
                    backend = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    state = table.Column<short>(type: "smallint", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    verified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_space_blob_copies", x => new { x.blob_id, x.backend });
                    table.ForeignKey(
                        name: "fk_space_blob_copies_space_blob_blob_id",
                        column: x => x.blob_id,
                        principalTable: "space_blobs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "space_files",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_person_id = table.Column<long>(type: "bigint", nullable: false),
                    blob_id = table.Column<long>(type: "bigint", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    category = table.Column<short>(type: "smallint", nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_space_files", x => x.id);
                    table.ForeignKey(
                        name: "fk_space_files_people_owner_person_id",
                        column: x => x.owner_person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_space_files_space_blobs_blob_id",
                        column: x => x.blob_id,
                        principalTable: "space_blobs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_person_affiliations_organization_code_role",
                table: "person_affiliations",
                columns: new[] { "organization_code", "role" });

            migrationBuilder.CreateIndex(
                name: "ix_space_announcement_reads_announcement_id",
                table: "space_announcement_reads",
                column: "announcement_id");

            migrationBuilder.CreateIndex(
                name: "ix_space_announcements_region_prefix_id",
                table: "space_announcements",
                columns: new[] { "region_prefix", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_space_announcements_school_code_id",
                table: "space_announcements",
                columns: new[] { "school_code", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_space_announcements_sender_actor_id",
                table: "space_announcements",
                columns: new[] { "sender_actor", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_space_blob_copies_state_verified_at",
                table: "space_blob_copies",
                columns: new[] { "state", "verified_at" });

            migrationBuilder.CreateIndex(
                name: "ix_space_blobs_owner_person_id_content_hash",
                table: "space_blobs",
                columns: new[] { "owner_person_id", "content_hash" },
                unique: true,
                filter: "status <> 2");

            migrationBuilder.CreateIndex(
                name: "ix_space_blobs_status_created_at",
                table: "space_blobs",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_space_direct_messages_recipient_person_id_id",
                table: "space_direct_messages",
                columns: new[] { "recipient_person_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_space_direct_messages_sender_person_id_id",
                table: "space_direct_messages",
                columns: new[] { "sender_person_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_space_files_blob_id",
                table: "space_files",
                column: "blob_id");

            migrationBuilder.CreateIndex(
                name: "ix_space_files_owner_person_id_created_at",
                table: "space_files",
                columns: new[] { "owner_person_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "space_announcement_reads");

            migrationBuilder.DropTable(
                name: "space_blob_copies");

            migrationBuilder.DropTable(
                name: "space_direct_messages");

            migrationBuilder.DropTable(
                name: "space_files");

            migrationBuilder.DropTable(
                name: "space_person_keys");

            migrationBuilder.DropTable(
                name: "space_announcements");

            migrationBuilder.DropTable(
                name: "space_blobs");

            migrationBuilder.DropIndex(
                name: "ix_person_affiliations_organization_code_role",
                table: "person_affiliations");

            migrationBuilder.DropColumn(
                name: "class_code",
                table: "person_affiliations");

            migrationBuilder.DropColumn(
                name: "guardian_space_access",
                table: "organizations");
        }
    }
}
