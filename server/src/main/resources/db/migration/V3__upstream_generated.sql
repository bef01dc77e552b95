-- When upstream generated the imported data (the OSV records' fallback "modified" date),
-- as opposed to when we imported it.
ALTER TABLE advisory_source ADD COLUMN upstream_generated TIMESTAMP WITH TIME ZONE;
