-- Catalogue read models, written by inline projections in the same transaction as the events.
create extension if not exists pg_trgm;

create table catalogue_fields (
    code       text primary key,
    name       text not null,
    slug       text not null unique,
    sort_order int  not null
);

create table catalogue_units (
    code        text primary key,
    name        text not null,
    kind        text not null,
    parent_code text,
    address     text
);

create table catalogue_unit_procedures (
    unit_code      text not null,
    procedure_code text not null,
    primary key (unit_code, procedure_code)
);
create index catalogue_unit_procedures_procedure on catalogue_unit_procedures (procedure_code);

-- One row per procedure: its latest version and status, and the folded text search uses.
create table catalogue_procedures (
    code           text primary key,
    name           text        not null,
    field_code     text        not null,
    level          text        not null,
    online_level   text        not null,
    status         text        not null,
    latest_version int         not null,
    content        jsonb       not null,
    -- Lower-case, without diacritics (đ as d): what accent-insensitive search matches.
    search_text    text        not null,
    -- First letters of the name's words, e.g. "dkks" for Đăng ký khai sinh.
    initials       text        not null,
    updated_at     timestamptz not null default now()
);
create index catalogue_procedures_field on catalogue_procedures (field_code);
create index catalogue_procedures_search on catalogue_procedures using gin (search_text gin_trgm_ops);
create index catalogue_procedures_initials on catalogue_procedures (initials);

create table catalogue_procedure_versions (
    code           text  not null,
    version        int   not null,
    effective_from date  not null,
    decision       jsonb not null,
    content        jsonb not null,
    primary key (code, version)
);

create table catalogue_procedure_status (
    code           text  not null,
    seq            int   not null,
    effective_from date  not null,
    status         text  not null,
    decision       jsonb not null,
    replacement    text,
    reason         text,
    primary key (code, seq)
);
