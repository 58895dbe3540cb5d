-- The dossier whose signed result a document is (DocumentMarkedAsResult): by id for the exchange, by code for the
-- citizen's download, which knows only the code printed on the receipt.
alter table documents add column result_of uuid;
alter table documents add column result_of_code text;

create index documents_result_of_code on documents (result_of_code) where result_of_code is not null;
