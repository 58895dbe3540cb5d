-- Working calendar (lịch làm việc): the declared days of each edited year, written by CalendarProjection in the
-- append's transaction. A year with no row in catalogue_calendar_years was never edited and counts by its defaults.
create table catalogue_calendar_years (
    year       int primary key,
    updated_at timestamptz not null default now()
);

-- Holidays, compensatory days, other days off and make-up working days; weekends are implied, never stored.
create table catalogue_calendar_days (
    date         date primary key,
    year         int  not null references catalogue_calendar_years (year),
    kind         text not null,
    name         text not null,
    legal_reason text
);
create index catalogue_calendar_days_year on catalogue_calendar_days (year);
