-- The catalogue's change feed (CatalogueSync.WatchCatalogueChanges): one row per event of a procedure, field or
-- unit stream, written by the inline projection in the append's transaction. It is read like the global log
-- (docs/event-store.md): in (tx_id, position) order and only below the oldest running transaction, so a change
-- that commits late is read after the cursor, never skipped. The event itself is joined by its stream and version.
create table catalogue_changes (
    tx_id     xid8   not null default pg_current_xact_id(),
    position  bigint not null,
    stream_id text   not null,
    version   bigint not null,
    primary key (tx_id, position)
);

insert into catalogue_changes (tx_id, position, stream_id, version)
select e.tx_id, e.position, e.stream_id, e.version
  from es_events e join es_streams s on s.id = e.stream_id
 where s.type in ('procedure', 'field', 'unit');
