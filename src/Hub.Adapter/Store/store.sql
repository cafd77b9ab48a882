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
    body          text        NOT NULL,
    created_at    timestamptz NOT NULL,
    available_at  timestamptz NOT NULL,
    published_at  timestamptz,
    attempts      integer     NOT NULL DEFAULT 0,
    last_error    text
);
-- The body is the JSON exactly as the relay sends it: stored as text, not jsonb (nothing queries inside it, and
-- parsing a thousand-person batch into jsonb and printing it back cost the platform database more than the insert),
-- and not compressed (STORAGE EXTERNAL: pglz over every batch cost more CPU than the disk it saved for a few minutes).
-- Stores created with a jsonb body are converted once.
DO $$
BEGIN
    IF (SELECT data_type FROM information_schema.columns
        WHERE table_schema = '{schema}' AND table_name = 'outbox' AND column_name = 'body') = 'jsonb' THEN
        ALTER TABLE {schema}.outbox ALTER COLUMN body TYPE text;
    END IF;
    IF (SELECT attstorage FROM pg_attribute WHERE attrelid = '{schema}.outbox'::regclass AND attname = 'body') <> 'e' THEN
        ALTER TABLE {schema}.outbox ALTER COLUMN body SET STORAGE EXTERNAL;
    END IF;
END $$;
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
