-- What one dossier adds to the counts, as a function of its row, so that the same definition counts a row as it is
-- now (the view) and as the aggregates counted it (the image kept in statistics_pending).
create function statistics_counters(d statistics_dossiers)
returns table (
    processing_days int, received int, online int, direct int, post int, refused int, withdrawn int, stopped int, on_time int, late int,
    in_progress int, rating_sum int, rated int, satisfied int, returned int, returned_remotely int, returned_electronically int,
    payments int, payments_online int, components int, components_digitised int, components_reused int, results_digitised int)
language sql immutable as $$
select d.processing_days,
       (not d.refused)::int,
       (not d.refused and d.channel = 'Online')::int,
       (not d.refused and d.channel = 'Direct')::int,
       (not d.refused and d.channel = 'Post')::int,
       d.refused::int,
       d.withdrawn::int,
       d.stopped::int,
       (d.resolved_on_time is true)::int,
       (d.resolved_on_time is false)::int,
       (not d.refused and not d.withdrawn and not d.stopped and d.resolved_at is null)::int,
       coalesce(d.rating, 0),
       (d.rating is not null)::int,
       (d.rating is not null and d.rating >= 2)::int,
       (d.returned_by is not null)::int,
       coalesce(d.returned_by in ('Post', 'Electronic'), false)::int,
       coalesce(d.returned_by = 'Electronic', false)::int,
       d.payments,
       d.payments_online,
       cardinality(d.component_codes),
       cardinality(d.digitised_components),
       cardinality(d.reused_components),
       (d.resolved_at is not null and d.result_digitised)::int
$$;

drop view statistics_dossier_counters;
create view statistics_dossier_counters as
select d.dossier_id, d.receiving_unit, d.received_on, d.procedure_code, c.*
  from statistics_dossiers d cross join lateral statistics_counters(d) c;

-- A pending dossier keeps the image of its row that the aggregates count (null when they count none: a dossier new
-- since the last pass), taken before its first change since that pass. A batch then only writes rows and images; the
-- pass, in a transaction of its own, adds each pending dossier's row and takes its image away, one upsert per key.
alter table statistics_pending add column counted statistics_dossiers;
