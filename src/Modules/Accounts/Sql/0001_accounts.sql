-- Local accounts of officials for a default install (production may use OpenID Connect instead, docs/authentication.md).
-- Passwords are stored only as salted PBKDF2 hashes. failed_attempts counts consecutive wrong passwords; reaching the
-- limit sets locked_until and starts the count again.
create table accounts (
    user_name       text        primary key,
    display_name    text        not null,
    unit            text        not null,
    roles           text[]      not null,
    password_hash   text        not null,
    failed_attempts int         not null default 0,
    locked_until    timestamptz,
    disabled        boolean     not null default false,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    last_login_at   timestamptz
);

-- The key that signs the host's own access tokens, shared by every host on the database. Created on first start.
create table accounts_signing_keys (
    key_id     text        primary key,
    secret     bytea       not null,
    created_at timestamptz not null
);
