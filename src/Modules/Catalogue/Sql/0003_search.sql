-- Search (issue 4): prefix matches on code and initials use these; words and typos use the gin trigram index of 0001.
create index if not exists catalogue_procedures_code_prefix on catalogue_procedures (code text_pattern_ops);
create index if not exists catalogue_procedures_initials_prefix on catalogue_procedures (initials text_pattern_ops);
