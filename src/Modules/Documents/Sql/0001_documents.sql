-- Documents module read models, kept by DocumentProjection in the append's transaction. The document streams hold
-- the history; the bytes live in the blob store under their SHA-256 (docs/documents.md).
create table documents (
    id             uuid        primary key,
    version        bigint      not null,
    sha256         text        not null,
    file_name      text        not null,
    media_type     text        not null,
    size           bigint      not null,
    status         text        not null,
    uploaded_at    timestamptz not null,
    upload_unit    text,
    document_type  text,
    owner_identity text,
    superseded_by  uuid,
    updated_at     timestamptz not null,
    state          jsonb       not null
);

create index documents_sha256 on documents (sha256);

-- A citizen's digitised papers, looked up by identity number at the desk.
create index documents_owner on documents (owner_identity) where owner_identity is not null;

-- A document may be attached to several dossiers (a digitised paper reused with consent).
create table document_attachments (
    document_id         uuid        not null references documents (id),
    dossier_id          uuid        not null,
    component_code      text        not null,
    consent_text        text,
    consent_given_at    timestamptz,
    consent_recorded_by text,
    attached_at         timestamptz not null,
    attached_by         text,
    primary key (document_id, dossier_id, component_code)
);

create index document_attachments_dossier on document_attachments (dossier_id);
