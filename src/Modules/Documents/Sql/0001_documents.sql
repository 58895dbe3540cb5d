-- Documents module read models: one row per stored blob (content-addressed by SHA-256). Streams and their events
-- hold the history (docs/documents.md).
create table documents_blobs (
    sha256     text        primary key,
    size       bigint      not null,
    media_type text        not null,
    stored_at  timestamptz not null default now()
);
