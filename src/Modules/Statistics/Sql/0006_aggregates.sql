-- Digitisation (số hóa) per dossier, from the documents module's events: the components received (at intake and with
-- supplements), those of them with a stored document attached, those attached by reusing a citizen's digitised paper
-- (with consent), and whether the result itself is stored as a document.
alter table statistics_dossiers
    add column component_codes      text[]  not null default '{}',
    add column digitised_components text[]  not null default '{}',
    add column reused_components    text[]  not null default '{}',
    add column result_digitised     boolean not null default false;

-- What each dossier adds to the counts, defined once: the projection keeps the aggregates below from it, and the
-- reports read it for the days at the edges of a range that no whole month covers.
create view statistics_dossier_counters as
select dossier_id, receiving_unit, received_on, procedure_code, processing_days,
       (not refused)::int                                         as received,
       (not refused and channel = 'Online')::int                  as online,
       (not refused and channel = 'Direct')::int                  as direct,
       (not refused and channel = 'Post')::int                    as post,
       refused::int                                               as refused,
       withdrawn::int                                             as withdrawn,
       stopped::int                                               as stopped,
       (resolved_on_time is true)::int                            as on_time,
       (resolved_on_time is false)::int                           as late,
       (not refused and not withdrawn and not stopped and resolved_at is null)::int as in_progress,
       coalesce(rating, 0)                                        as rating_sum,
       (rating is not null)::int                                  as rated,
       (rating is not null and rating >= 2)::int                  as satisfied,
       (returned_by is not null)::int                             as returned,
       coalesce(returned_by in ('Post', 'Electronic'), false)::int as returned_remotely,
       coalesce(returned_by = 'Electronic', false)::int  as returned_electronically,
       payments,
       payments_online,
       cardinality(component_codes)                               as components,
       cardinality(digitised_components)                          as components_digitised,
       cardinality(reused_components)                             as components_reused,
       (resolved_at is not null and result_digitised)::int        as results_digitised
  from statistics_dossiers;

-- The counts per receiving unit, year ('y'), month ('m') or day ('d') of receipt, and procedure; procedure_code ''
-- holds the unit's period over all its procedures (days have only that). Kept by the projection as deltas (a
-- dossier's counters taken out before a batch changes its row, added back after), so a province's year is a sum over
-- a few thousand rows instead of a scan of its dossiers.
create table statistics_counts (
    receiving_unit          text    not null,
    grain                   char(1) not null check (grain in ('d', 'm', 'y')),
    period_start            date    not null,
    procedure_code          text    not null,
    received                int     not null,
    online                  int     not null,
    direct                  int     not null,
    post                    int     not null,
    refused                 int     not null,
    withdrawn               int     not null,
    stopped                 int     not null,
    on_time                 int     not null,
    late                    int     not null,
    in_progress             int     not null,
    rating_sum              int     not null,
    rated                   int     not null,
    satisfied               int     not null,
    returned                int     not null,
    returned_remotely       int     not null,
    returned_electronically int     not null,
    payments                int     not null,
    payments_online         int     not null,
    components              int     not null,
    components_digitised    int     not null,
    components_reused       int     not null,
    results_digitised       int     not null,
    primary key (receiving_unit, grain, period_start, procedure_code)
);

-- How many resolved dossiers took each number of working days, with the same keys: the mean and the 90th percentile
-- of a scope come from a histogram of a few hundred rows.
create table statistics_processing_days (
    receiving_unit text    not null,
    grain          char(1) not null check (grain in ('d', 'm', 'y')),
    period_start   date    not null,
    procedure_code text    not null,
    days           int     not null,
    dossiers       int     not null,
    primary key (receiving_unit, grain, period_start, procedure_code, days)
);

-- The dossiers whose row changed since their counters were last added to the aggregates. While the projection
-- catches up (a rebuild, a restart behind the log) it only writes rows and lists them here, and adds them all with
-- a few set-based statements once it reaches the end of the log (or the list grows long); reports add the listed
-- dossiers' own counters meanwhile, so they stay exact at the checkpoint.
create table statistics_pending (
    dossier_id uuid primary key
);

-- A name each procedure's dossiers were received under (the latest batch's), for the tables by procedure.
create table statistics_procedures (
    procedure_code text primary key,
    procedure_name text not null
);

-- Overdue now depends on the moment of the report, so it is counted from the open dossiers' rows.
create index statistics_dossiers_open on statistics_dossiers (receiving_unit, received_on, due_at)
    where not refused and not withdrawn and not stopped and resolved_at is null;

-- The new columns and tables are filled by replaying the log: the projection starts again from zero.
truncate statistics_dossiers;
delete from es_projection_checkpoints where name = 'statistics.dossiers';
