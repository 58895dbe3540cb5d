-- The folded state is only ever read back whole, as text: json keeps the text as written and skips jsonb's parse
-- into its binary form on every write. At 2.5-4 KB it is compressed into TOAST: lz4 costs a fraction of pglz's CPU.
-- (A server built without lz4 keeps the default.)
alter table dossiers alter column state type json using state::json;
do $$
begin
    alter table dossiers alter column state set compression lz4;
exception when feature_not_supported then
    raise notice 'lz4 is not available on this server; dossiers.state keeps the default compression';
end
$$;
