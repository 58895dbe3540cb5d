-- When the clock started (receipt at the desk or by post, or an online dossier's acceptance): processing time in
-- working days runs from here to the result. Rows projected before this migration get it on a rebuild.
alter table statistics_dossiers add column received_at timestamptz;
