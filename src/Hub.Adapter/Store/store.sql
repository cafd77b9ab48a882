-- The adapter's own store (schema name configurable, "hub_adapter" by default; {schema} is replaced at start).
-- Created idempotently at every start, under an advisory lock so that replicas starting together do not collide.
CREATE SCHEMA IF NOT EXISTS {schema};

-- Messages the adapter has committed to send; written in the same transaction as the cursor advance (or the
-- inbox mark) that produced them. The relay claims rows with FOR UPDATE SKIP LOCKED and marks them published
-- after the broker's confirm. Published rows are pruned after a retention period.
CREATE TABLE IF NOT EXISTS {schema}.outbox (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id    uuid        NOT NULL UNIQUE,
    contract_type text        NOT NULL,
    body          jsonb       NOT NULL,
    created_at    timestamptz NOT NULL,
    available_at  timestamptz NOT NULL,
    published_at  timestamptz,
    attempts      integer     NOT NULL DEFAULT 0,
    last_error    text
);
CREATE INDEX IF NOT EXISTS outbox_pending ON {schema}.outbox (id) WHERE published_at IS NULL;
CREATE INDEX IF NOT EXISTS outbox_published ON {schema}.outbox (published_at) WHERE published_at IS NOT NULL;

-- Messages from the hub already applied, per consumer; same transaction as their effects in this store.
CREATE TABLE IF NOT EXISTS {schema}.inbox (
    consumer     text        NOT NULL,
    message_id   uuid        NOT NULL,
    processed_at timestamptz NOT NULL,
    PRIMARY KEY (consumer, message_id)
);

-- Named positions: source change cursors, snapshot jobs, the follower's feed versions.
CREATE TABLE IF NOT EXISTS {schema}.cursors (
    name       text        PRIMARY KEY,
    value      text        NOT NULL,
    updated_at timestamptz NOT NULL
);
