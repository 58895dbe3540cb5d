-- Every change of a year's calendar bumps its revision in the same transaction, so the sum over all years grows with
-- each change: other modules' hosts cache calendars and check that sum (one tiny query) instead of reloading days.
alter table catalogue_calendar_years add column revision bigint not null default 1;
