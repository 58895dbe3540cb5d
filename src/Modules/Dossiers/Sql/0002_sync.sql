-- DossierSync.WatchDossierChanges: the change feed of dossiers, one row per event a portal mirrors (all but
-- lookup-secret reissues), written by the inline projection in the append's transaction and read gap-free like
-- the global log (docs/event-store.md, "A module's change feed"). Filtered by the receiving unit.
create table dossiers_changes (
    tx_id          xid8   not null default pg_current_xact_id(),
    position       bigint not null,
    stream_id      text   not null,
    version        bigint not null,
    receiving_unit text   not null,
    primary key (tx_id, position)
);
create index dossiers_changes_unit on dossiers_changes (receiving_unit, tx_id, position);

insert into dossiers_changes (tx_id, position, stream_id, version, receiving_unit)
select e.tx_id, e.position, e.stream_id, e.version, d.receiving_unit
  from es_events e
  join dossiers d on e.stream_id = 'dossier-' || d.id::text
 where e.type <> 'dossiers.lookup_secret_reissued.v1';

-- The status and due date after each event, so a change is told with the state it led to. Null on rows written
-- before this migration.
alter table dossiers_history add column status text, add column due_at timestamptz;
