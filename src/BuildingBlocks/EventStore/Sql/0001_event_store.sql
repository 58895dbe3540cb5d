-- Event store schema. See docs/event-store.md for the guarantees each part provides.

create table es_streams (
    id         text        primary key,
    type       text        not null,
    version    bigint      not null,
    last_hash  bytea       not null,
    archived   boolean     not null default false,
    created_at timestamptz not null default now()
);

create table es_events (
    position    bigint      generated always as identity primary key,
    stream_id   text        not null,
    version     bigint      not null,
    event_id    uuid        not null,
    type        text        not null,
    data        jsonb       not null,
    metadata    jsonb       not null,
    recorded_at timestamptz not null,
    -- The writing transaction's id: the global log is read in (tx_id, position) order, only below the
    -- oldest running transaction, so a transaction that commits late is never skipped.
    tx_id       xid8        not null default pg_current_xact_id(),
    hash        bytea       not null,
    constraint es_events_stream_version unique (stream_id, version)
);

create index es_events_tx_position on es_events (tx_id, position);
create index es_events_recorded_at on es_events (stream_id, recorded_at);

-- Appends events to one stream in the caller's transaction: checks the expected version under the
-- stream's row lock, extends the stream's hash chain, and returns the new version and the positions.
-- hash(n) = sha256(hash(n-1) || digest(n) || recorded_at as 'YYYY-MM-DDTHH:MI:SS.uuuuuuZ'),
-- hash(0) = sha256(stream id); digest(n) is computed by the writer over the canonical event (docs/event-store.md).
-- p_expected: -2 any, -1 the stream must not exist, n >= 0 the stream must be at version n.
create function es_append(
    p_stream_id   text,
    p_stream_type text,
    p_expected    bigint,
    p_event_ids   uuid[],
    p_types       text[],
    p_data        jsonb[],
    p_metadata    jsonb[],
    p_digests     bytea[],
    out new_version bigint,
    out positions   bigint[],
    out hashes      bytea[],
    out recorded_at timestamptz,
    out tx_id       xid8)
language plpgsql as $$
declare
    v_hash     bytea;
    v_archived boolean;
    v_position bigint;
    v_time     bytea;
begin
    recorded_at := now();
    v_time := convert_to(to_char(recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), 'UTF8');

    select s.version, s.last_hash, s.archived into new_version, v_hash, v_archived
      from es_streams s where s.id = p_stream_id for update;

    if not found then
        if p_expected >= 0 then
            raise exception 'stream % does not exist, expected version %', p_stream_id, p_expected
                using errcode = 'ES409', hint = '-1';
        end if;
        insert into es_streams (id, type, version, last_hash)
        values (p_stream_id, p_stream_type, 0, sha256(convert_to(p_stream_id, 'UTF8')))
        on conflict (id) do nothing;
        if not found then
            if p_expected = -1 then
                raise exception 'stream % was created concurrently', p_stream_id
                    using errcode = 'ES409', hint = '0';
            end if;
        end if;
        select s.version, s.last_hash, s.archived into new_version, v_hash, v_archived
          from es_streams s where s.id = p_stream_id for update;
    elsif p_expected = -1 or (p_expected >= 0 and p_expected <> new_version) then
        raise exception 'stream % is at version %, expected %', p_stream_id, new_version, p_expected
            using errcode = 'ES409', hint = new_version::text;
    end if;

    if v_archived then
        raise exception 'stream % is archived', p_stream_id using errcode = 'ES410';
    end if;

    positions := array[]::bigint[];
    hashes := array[]::bytea[];
    for i in 1 .. coalesce(array_length(p_types, 1), 0) loop
        new_version := new_version + 1;
        v_hash := sha256(v_hash || p_digests[i] || v_time);
        insert into es_events (stream_id, version, event_id, type, data, metadata, recorded_at, hash)
        values (p_stream_id, new_version, p_event_ids[i], p_types[i], p_data[i], p_metadata[i], recorded_at, v_hash)
        returning position into v_position;
        positions := positions || v_position;
        hashes := hashes || v_hash;
    end loop;
    tx_id := pg_current_xact_id();

    update es_streams set version = new_version, last_hash = v_hash where id = p_stream_id;
end
$$;

create table es_projection_checkpoints (
    name       text        primary key,
    tx_id      xid8        not null,
    position   bigint      not null,
    updated_at timestamptz not null default now()
);

create table es_idempotency (
    key          text        primary key,
    request_hash bytea       not null,
    response     jsonb,
    created_at   timestamptz not null default now()
);
