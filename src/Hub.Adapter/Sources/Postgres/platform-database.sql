-- Platform database layout for the Hub adapter's PostgreSQL source (数据规范 v1, specs/exchange/platform-database.md).
-- {schema} is the platform's schema ("platform" by default). Idempotent: safe to run at every start.
--
-- Change tracking. Every row of people and organizations carries
--   version     a value of the sequence row_version, new at every change (only grows),
--   change_xid  the id of the transaction that made the change (pg_current_xact_id()),
-- stamped by triggers, never by the application. The adapter reads rows in (change_xid, version) order and only rows
-- whose change_xid is below the oldest transaction still running (pg_snapshot_xmin(pg_current_snapshot())): a
-- transaction that started earlier but commits later therefore cannot slip in behind the adapter's cursor, which a
-- cursor over the version alone would allow. Deletes leave tombstones and changes of a person's local_id are recorded
-- in key_changes, tracked the same way.
CREATE SCHEMA IF NOT EXISTS {schema};
CREATE SEQUENCE IF NOT EXISTS {schema}.row_version AS bigint;

CREATE TABLE IF NOT EXISTS {schema}.organizations (
    code                        text PRIMARY KEY CHECK (code ~ '^[0-9]{10}$'),
    name                        text NOT NULL,
    school_type                 text,
    region_code                 text NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
    bandwidth                   text,
    class_count                 integer,
    multimedia_class_count      integer,
    mobile_terminal_class_count integer,
    teacher_count               integer,
    student_count               integer,
    version                     bigint      NOT NULL DEFAULT 0,
    changed_at                  timestamptz NOT NULL DEFAULT now(),
    change_xid                  xid8        NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX IF NOT EXISTS organizations_changes ON {schema}.organizations (change_xid, version);

CREATE TABLE IF NOT EXISTS {schema}.people (
    local_id        text PRIMARY KEY CHECK (length(local_id) BETWEEN 1 AND 128),
    name            text        NOT NULL,
    document_type   smallint,              -- code list document-types (1 居民身份证 …); null with a student number only
    document_number text,                  -- as printed; goes only into message bodies, never into logs
    student_number  text,                  -- 全国学籍号 G…/J…/L…
    roles           smallint[]  NOT NULL DEFAULT '{}',
    region_code     text        NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
    gender          smallint    NOT NULL DEFAULT 0,
    birth_date      date,
    hub_id          text,                  -- written back by the adapter (IdentitiesAssigned); not part of the record
    hub_version     bigint,                -- the version the hub holds for this person
    version         bigint      NOT NULL DEFAULT 0,
    changed_at      timestamptz NOT NULL DEFAULT now(),
    change_xid      xid8        NOT NULL DEFAULT pg_current_xact_id()
) WITH (fillfactor = 80); -- each row is written once more when its hub id comes back: room on its page keeps that update HOT
CREATE INDEX IF NOT EXISTS people_changes ON {schema}.people (change_xid, version);

CREATE TABLE IF NOT EXISTS {schema}.person_affiliations (
    local_id          text     NOT NULL CONSTRAINT person_affiliations_person REFERENCES {schema}.people (local_id) ON DELETE CASCADE ON UPDATE CASCADE,
    organization_code text     NOT NULL,
    role              smallint NOT NULL,
    valid_from        date,
    PRIMARY KEY (local_id, organization_code, role)
);

-- Parents (role 2) and the students they are guardians of; kept by the platform (not yet part of the exchange).
CREATE TABLE IF NOT EXISTS {schema}.guardianships (
    guardian_local_id text NOT NULL CONSTRAINT guardianships_guardian REFERENCES {schema}.people (local_id) ON DELETE CASCADE ON UPDATE CASCADE,
    student_local_id  text NOT NULL CONSTRAINT guardianships_student REFERENCES {schema}.people (local_id) ON DELETE CASCADE ON UPDATE CASCADE,
    PRIMARY KEY (guardian_local_id, student_local_id)
);

CREATE TABLE IF NOT EXISTS {schema}.tombstones (
    entity     text        NOT NULL CHECK (entity IN ('people', 'organizations')),
    key        text        NOT NULL,
    version    bigint      NOT NULL,
    removed_at timestamptz NOT NULL,
    change_xid xid8        NOT NULL,
    PRIMARY KEY (entity, key)
);
CREATE INDEX IF NOT EXISTS tombstones_changes ON {schema}.tombstones (entity, change_xid, version);

CREATE TABLE IF NOT EXISTS {schema}.key_changes (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    old_local_id text        NOT NULL,
    new_local_id text        NOT NULL,
    version      bigint      NOT NULL,
    changed_at   timestamptz NOT NULL,
    change_xid   xid8        NOT NULL
);
CREATE INDEX IF NOT EXISTS key_changes_changes ON {schema}.key_changes (change_xid, version);

-- Written by the adapter's sink: records the hub did not apply (rejected, or applied with a review case).
CREATE TABLE IF NOT EXISTS {schema}.hub_record_issues (
    entity         text        NOT NULL,
    key            text        NOT NULL,
    kind           text        NOT NULL CHECK (kind IN ('rejected', 'conflict')),
    version        bigint      NOT NULL,
    code           text,
    field          text,
    message_zh     text,
    message        text,
    hub_id         text,
    review_case_id bigint,
    batch_id       uuid        NOT NULL,
    reported_at    timestamptz NOT NULL,
    PRIMARY KEY (entity, key, kind)
);

-- Written by the adapter's sink: removal batches the hub holds for an operator (deletion threshold).
CREATE TABLE IF NOT EXISTS {schema}.hub_removal_holds (
    hold_id           bigint PRIMARY KEY,
    batch_id          uuid             NOT NULL,
    entity            text             NOT NULL,
    removals          integer          NOT NULL,
    share_of_platform double precision NOT NULL,
    held_at           timestamptz      NOT NULL
);

-- Written by the adapter's sink for a platform that follows other levels: the hub's feed items, newest per key.
CREATE TABLE IF NOT EXISTS {schema}.hub_feed_items (
    stream         text        NOT NULL,
    key            text        NOT NULL,
    change_version bigint      NOT NULL,
    body           jsonb       NOT NULL,
    received_at    timestamptz NOT NULL,
    PRIMARY KEY (stream, key)
);

-- A new version for every inserted or changed row, with the changing transaction's id.
CREATE OR REPLACE FUNCTION {schema}.stamp_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.version := nextval('{schema}.row_version');
    NEW.changed_at := now();
    NEW.change_xid := pg_current_xact_id();
    RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION {schema}.leave_tombstone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {schema}.tombstones (entity, key, version, removed_at, change_xid)
    SELECT TG_ARGV[0], CASE WHEN TG_ARGV[0] = 'people' THEN o.local_id ELSE o.code END,
           nextval('{schema}.row_version'), now(), pg_current_xact_id()
    FROM (SELECT (to_jsonb(r) ->> 'local_id') AS local_id, (to_jsonb(r) ->> 'code') AS code FROM removed r) o
    ON CONFLICT (entity, key) DO UPDATE
        SET version = excluded.version, removed_at = excluded.removed_at, change_xid = excluded.change_xid;
    RETURN NULL;
END $$;

-- A key that comes back (insert after delete) is no longer removed.
CREATE OR REPLACE FUNCTION {schema}.clear_tombstone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Bulk inserts into a platform without deletions of that entity pay nothing.
    IF NOT EXISTS (SELECT 1 FROM {schema}.tombstones WHERE entity = TG_ARGV[0]) THEN
        RETURN NULL;
    END IF;
    DELETE FROM {schema}.tombstones t
    USING (SELECT (to_jsonb(r) ->> 'local_id') AS local_id, (to_jsonb(r) ->> 'code') AS code FROM added r) a
    WHERE t.entity = TG_ARGV[0] AND t.key = CASE WHEN TG_ARGV[0] = 'people' THEN a.local_id ELSE a.code END;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION {schema}.record_key_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {schema}.key_changes (old_local_id, new_local_id, version, changed_at, change_xid)
    VALUES (OLD.local_id, NEW.local_id, NEW.version, NEW.changed_at, NEW.change_xid);
    RETURN NULL;
END $$;

-- A changed affiliation is a change of its person. Rows already stamped by this transaction are left alone (their
-- version will be read after this transaction commits, with the affiliations as they are then), so inserting people
-- and their affiliations together (e.g. COPY) costs no second write; cascades from people (depth > 1) are skipped.
CREATE OR REPLACE FUNCTION {schema}.touch_person() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF pg_trigger_depth() > 1 THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        UPDATE {schema}.people p SET changed_at = now()
        WHERE p.local_id IN (SELECT local_id FROM added) AND p.change_xid <> pg_current_xact_id();
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE {schema}.people p SET changed_at = now()
        WHERE p.local_id IN (SELECT local_id FROM removed) AND p.change_xid <> pg_current_xact_id();
    ELSE
        UPDATE {schema}.people p SET changed_at = now()
        WHERE p.local_id IN (SELECT local_id FROM added UNION SELECT local_id FROM removed)
          AND p.change_xid <> pg_current_xact_id();
    END IF;
    RETURN NULL;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = '{schema}' AND t.tgname = 'people_stamp_insert') THEN
        -- hub_id and hub_version are not in the column list: the adapter's write-back is not a change.
        CREATE TRIGGER people_stamp_insert BEFORE INSERT ON {schema}.people
            FOR EACH ROW EXECUTE FUNCTION {schema}.stamp_version();
        CREATE TRIGGER people_stamp_update
            BEFORE UPDATE OF local_id, name, document_type, document_number, student_number, roles, region_code, gender,
                             birth_date, changed_at, version, change_xid ON {schema}.people
            FOR EACH ROW EXECUTE FUNCTION {schema}.stamp_version();
        CREATE TRIGGER people_key_change AFTER UPDATE OF local_id ON {schema}.people
            FOR EACH ROW WHEN (OLD.local_id IS DISTINCT FROM NEW.local_id) EXECUTE FUNCTION {schema}.record_key_change();
        CREATE TRIGGER people_tombstone AFTER DELETE ON {schema}.people
            REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION {schema}.leave_tombstone('people');
        CREATE TRIGGER people_revive AFTER INSERT ON {schema}.people
            REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION {schema}.clear_tombstone('people');

        CREATE TRIGGER organizations_stamp_insert BEFORE INSERT ON {schema}.organizations
            FOR EACH ROW EXECUTE FUNCTION {schema}.stamp_version();
        CREATE TRIGGER organizations_stamp_update BEFORE UPDATE ON {schema}.organizations
            FOR EACH ROW EXECUTE FUNCTION {schema}.stamp_version();
        CREATE TRIGGER organizations_tombstone AFTER DELETE ON {schema}.organizations
            REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION {schema}.leave_tombstone('organizations');
        CREATE TRIGGER organizations_revive AFTER INSERT ON {schema}.organizations
            REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION {schema}.clear_tombstone('organizations');

        CREATE TRIGGER affiliations_touch_insert AFTER INSERT ON {schema}.person_affiliations
            REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION {schema}.touch_person();
        CREATE TRIGGER affiliations_touch_update AFTER UPDATE ON {schema}.person_affiliations
            REFERENCING NEW TABLE AS added OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION {schema}.touch_person();
        CREATE TRIGGER affiliations_touch_delete AFTER DELETE ON {schema}.person_affiliations
            REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION {schema}.touch_person();
    END IF;
END $$;

-- Every statement that changes what the adapter sends announces it on the channel hub_adapter_changes (payload: the
-- schema) at commit, so the adapter's pump reads it at once instead of at its next poll. PostgreSQL folds equal
-- notifications of one transaction into one, so a bulk load costs a single notification. The write-back of hub ids
-- (hub_id, hub_version) is outside the column list and stays silent.
CREATE OR REPLACE FUNCTION {schema}.notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('hub_adapter_changes', '{schema}');
    RETURN NULL;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = '{schema}' AND t.tgname = 'people_notify') THEN
        CREATE TRIGGER people_notify
            AFTER INSERT OR DELETE OR UPDATE OF local_id, name, document_type, document_number, student_number, roles,
                region_code, gender, birth_date, changed_at, version, change_xid ON {schema}.people
            FOR EACH STATEMENT EXECUTE FUNCTION {schema}.notify_change();
        CREATE TRIGGER organizations_notify AFTER INSERT OR UPDATE OR DELETE ON {schema}.organizations
            FOR EACH STATEMENT EXECUTE FUNCTION {schema}.notify_change();
    END IF;
END $$;
