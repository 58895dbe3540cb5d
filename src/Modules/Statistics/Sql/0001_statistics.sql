-- One row per dossier with what the statistics count, written by the async projection DossierFactsProjection from
-- the global log (its checkpoint moves in the same transaction). Rebuilt from zero by emptying it. No personal data.
create table statistics_dossiers (
    dossier_id       uuid        primary key,
    procedure_code   text        not null,
    procedure_name   text        not null,
    receiving_unit   text        not null,
    channel          text        not null,
    received_on      date        not null,
    due_at           timestamptz,
    refused          boolean     not null,
    withdrawn        boolean     not null,
    stopped          boolean     not null,
    resolved_at      timestamptz,
    resolved_on_time boolean,
    rating           int
);
create index statistics_dossiers_unit_day on statistics_dossiers (receiving_unit, received_on);
