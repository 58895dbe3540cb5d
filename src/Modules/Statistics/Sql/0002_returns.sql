-- How the result reached the applicant (Desk, Post, Electronic): a result sent by post or electronically saves the
-- citizen a visit, as an online submission does (citizen time saved, seeds/002).
alter table statistics_dossiers add column returned_by text;
