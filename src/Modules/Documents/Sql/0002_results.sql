-- The dossier whose signed result a document is (DocumentMarkedAsResult), for the citizen's download and the exchange.
alter table documents add column result_of uuid;

create index documents_result_of on documents (result_of) where result_of is not null;
