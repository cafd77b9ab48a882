using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Server.Exchange.Delivery;

/// <summary>
/// A message the hub has committed to send, written in the same transaction as the change it announces, so a change
/// without its message (or a message without its change) cannot be committed. <see cref="OutboxRelay"/> publishes it.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>The MassTransit message id: consumers' inboxes recognise a redelivery by it.</summary>
    public Guid MessageId { get; set; }

    /// <summary>CLR name of a Hub.Contracts type (the wire identity is its namespace and name).</summary>
    public required string MessageType { get; set; }

    public required string Body { get; set; }

    /// <summary>The exchange to send to (a platform's inbox); null publishes by message type.</summary>
    public string? Destination { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Not before: moves forward after a failed attempt (backoff).</summary>
    public DateTimeOffset AvailableAt { get; set; }

    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.Property(m => m.Id).UseIdentityAlwaysColumn();
        builder.HasIndex(m => m.MessageId).IsUnique();
        builder.Property(m => m.MessageType).HasMaxLength(200);
        // Text, not jsonb, and stored uncompressed (migration OutboxBodyAsText): nothing queries inside a body, and
        // parsing each thousand-record answer into jsonb, compressing it and printing it back for the relay cost the
        // database more than the row's insert during an initial sync (bench/RESULTS.md).
        builder.Property(m => m.Body).HasColumnType("text");
        builder.Property(m => m.LastError).HasMaxLength(500);
        builder.Property(m => m.Destination).HasMaxLength(200);
        // The relay's claim query reads only unpublished rows, in id order.
        builder.HasIndex(m => m.Id).HasDatabaseName("ix_outbox_messages_pending").HasFilter("published_at IS NULL");
    }
}

/// <summary>A message a consumer has applied: same transaction as its effects, so a redelivery is recognised and skipped.</summary>
public sealed class InboxMessage
{
    public required string Consumer { get; set; }
    public Guid MessageId { get; set; }
    public DateTimeOffset ProcessedAt { get; set; }
}

internal sealed class InboxMessageConfiguration : IEntityTypeConfiguration<InboxMessage>
{
    public void Configure(EntityTypeBuilder<InboxMessage> builder)
    {
        builder.ToTable("inbox_messages");
        builder.HasKey(m => new { m.Consumer, m.MessageId });
        builder.Property(m => m.Consumer).HasMaxLength(200);
    }
}
