-- Event store schema. See docs/event-store.md for the guarantees each part provides.

create table es_streams (
    id         text        primary key,
    type       text        not null,
    archived   boolean     not null default false,
    created_at timestamptz not null default now()
);

create table es_events (
    position    bigint      generated always as identity,
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
    -- Two indexes only, as every index costs each append: streams are read by (stream_id, version),
    -- the global log by (tx_id, position). Positions are unique by their identity sequence.
    -- The primary key is also the optimistic-concurrency check: two writers cannot both add version n.
    constraint es_events_pkey primary key (stream_id, version)
);

create index es_events_tx_position on es_events (tx_id, position);

-- Appends events to one stream in the caller's transaction and returns the new version and positions.
-- (A single event with an exact or "no stream" expectation takes a one-statement path in EventAppender.cs instead.)
-- p_expected: -2 any, -1 the stream must not exist, n >= 0 the stream must be at version n.
-- An exact append writes no stream row: it reads the hash of version n and inserts n+1..; a concurrent
-- writer that added n+1 first makes the insert fail on the primary key (reported as a concurrency error).
-- hash(n) = sha256(hash(n-1) || digest(n) || recorded_at as 8-byte big-endian microseconds since 1970-01-01 UTC),
-- hash(0) = sha256(stream id); digest(n) is computed by the writer over the canonical event (docs/event-store.md).
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
    v_head     bytea;
    v_archived boolean;
    v_time     bytea;
begin
    recorded_at := now();
    v_time := int8send((extract(epoch from recorded_at) * 1000000)::int8);

    if p_expected = -1 then
        insert into es_streams (id, type) values (p_stream_id, p_stream_type) on conflict (id) do nothing;
        if not found then
            raise exception 'stream % already exists', p_stream_id
                using errcode = 'ES409', hint = (select coalesce(max(version), 0) from es_events where stream_id = p_stream_id)::text;
        end if;
        new_version := 0;
        v_head := sha256(convert_to(p_stream_id, 'UTF8'));
        v_archived := false;
    elsif p_expected = 0 then
        select s.archived into v_archived from es_streams s where s.id = p_stream_id;
        new_version := 0;
        v_head := sha256(convert_to(p_stream_id, 'UTF8'));
    elsif p_expected > 0 then
        select e.hash, s.archived into v_head, v_archived
          from es_events e join es_streams s on s.id = e.stream_id
         where e.stream_id = p_stream_id and e.version = p_expected;
        new_version := p_expected;
    else
        -- Any: queue behind other "any" writers on the stream's row, then append after its last event.
        insert into es_streams (id, type) values (p_stream_id, p_stream_type) on conflict (id) do nothing;
        select s.archived into v_archived from es_streams s where s.id = p_stream_id for update;
        select e.version, e.hash into new_version, v_head
          from es_events e where e.stream_id = p_stream_id order by e.version desc limit 1;
        new_version := coalesce(new_version, 0);
        v_head := coalesce(v_head, sha256(convert_to(p_stream_id, 'UTF8')));
    end if;

    if v_archived is null or v_head is null then
        raise exception 'stream % is not at version %', p_stream_id, p_expected
            using errcode = 'ES409', hint = (select coalesce(max(version), -1) from es_events where stream_id = p_stream_id)::text;
    end if;
    if v_archived then
        raise exception 'stream % is archived', p_stream_id using errcode = 'ES410';
    end if;

    hashes := array[]::bytea[];
    for i in 1 .. coalesce(array_length(p_digests, 1), 0) loop
        v_head := sha256(v_head || p_digests[i] || v_time);
        hashes := hashes || v_head;
    end loop;

    with inserted as (
        insert into es_events (stream_id, version, event_id, type, data, metadata, recorded_at, hash)
        select p_stream_id, new_version + i, p_event_ids[i], p_types[i], p_data[i], p_metadata[i], recorded_at, hashes[i]
          from generate_subscripts(p_types, 1) as i
        returning position, version)
    select array_agg(position order by version) into positions from inserted;

    new_version := new_version + coalesce(array_length(p_types, 1), 0);
    positions := coalesce(positions, array[]::bigint[]);
    tx_id := pg_current_xact_id();
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
