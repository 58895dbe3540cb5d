-- Large events (an intake carries the procedure's checklist) are compressed into TOAST: lz4 costs a fraction of
-- pglz's CPU on every append. Only new values are affected; a server built without lz4 keeps the default.
do $$
begin
    alter table es_events alter column data set compression lz4, alter column metadata set compression lz4;
exception when feature_not_supported then
    raise notice 'lz4 is not available on this server; es_events keeps the default compression';
end
$$;
