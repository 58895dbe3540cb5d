-- Who read which dossier's personal data in full, when, and through which request (Decree 13/2023/NĐ-CP on personal
-- data protection). Roles that do not need the data in full get it masked, and their reads are not listed here.
create table personal_data_reads (
    id             bigint      generated always as identity primary key,
    read_at        timestamptz not null,
    actor          text        not null,
    unit           text,
    subject        text        not null,
    purpose        text        not null,
    correlation_id text        not null
);
create index personal_data_reads_subject on personal_data_reads (subject, read_at);
