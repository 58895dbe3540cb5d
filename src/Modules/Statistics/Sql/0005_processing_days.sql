-- Working days from the clock's start to the result, worked out once when the result is projected, so reports
-- aggregate it in SQL (mean, 90th percentile) instead of the host walking the calendar for every dossier.
alter table statistics_dossiers add column processing_days int;
