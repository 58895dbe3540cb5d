-- Fees paid per dossier, and how many of them online (through a portal's payment service, or recorded as paid
-- online): the online-payment indicator of Decision 766/QĐ-TTg.
alter table statistics_dossiers add column payments int not null default 0, add column payments_online int not null default 0;
