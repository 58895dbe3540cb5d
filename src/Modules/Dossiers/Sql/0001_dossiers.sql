-- Dossier read models, written by an inline projection in the same transaction as the events,
-- and the daily code counters, incremented in the intake's own transaction (a rollback leaves no gap).

create table dossiers_code_counters (
    unit          text   not null,
    day           date   not null,
    last_sequence bigint not null,
    primary key (unit, day)
);

-- One row per dossier: the columns work queues filter on, and the folded state the detail view reads.
create table dossiers (
    id                 uuid        primary key,
    code               text        not null unique,
    version            bigint      not null,
    status             text        not null,
    channel            text        not null,
    procedure_code     text        not null,
    procedure_version  int         not null,
    procedure_name     text        not null,
    receiving_unit     text        not null,
    handling_unit      text        not null,
    assignee           text,
    step_name          text,
    step_due_at        timestamptz,
    applicant_name     text        not null,
    -- Masked: queues never show an identity number in full.
    applicant_identity text,
    portal_reference   text,
    submitted_at       timestamptz not null,
    received_at        timestamptz,
    due_at             timestamptz,
    appointment_at     timestamptz,
    paused             boolean     not null,
    result_ready_at    timestamptz,
    closed_at          timestamptz,
    updated_at         timestamptz not null,
    state              jsonb       not null
);
create index dossiers_handling_queue on dossiers (handling_unit, status, due_at);
create index dossiers_receiving_queue on dossiers (receiving_unit, submitted_at desc);
create index dossiers_assignee_queue on dossiers (assignee, due_at) where assignee is not null;
create index dossiers_open_due on dossiers (due_at) where closed_at is null and result_ready_at is null;
create unique index dossiers_portal_reference on dossiers (portal_reference) where portal_reference is not null;

-- What happened, in plain Vietnamese, for the detail view; the event stream stays the record auditors verify.
create table dossiers_history (
    dossier_id  uuid        not null,
    version     bigint      not null,
    type        text        not null,
    at          timestamptz not null,
    actor       text,
    unit        text,
    description text        not null,
    primary key (dossier_id, version)
);
