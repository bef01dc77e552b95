-- The CVE ID pool's own columns (package cveid, docs/adr/0008-cna-workspace.md). The pool itself
-- and its history are the V6 tables cve_id and cve_assignment.

-- Who put the ID into the pool (NULL: imported by the system, or before V9).
ALTER TABLE cve_id ADD COLUMN imported_by BIGINT;
ALTER TABLE cve_id ADD CONSTRAINT cve_id_imported_by
  FOREIGN KEY (imported_by) REFERENCES member_account (id);

-- A REJECTED ID must also be rejected at CVE Services; this says when that was done (NULL: not
-- yet, or the pool does not know).
ALTER TABLE cve_id ADD COLUMN rejected_at_cve_services TIMESTAMP WITH TIME ZONE;

CREATE INDEX cve_assignment_case ON cve_assignment (case_id);
CREATE INDEX cve_assignment_cve ON cve_assignment (cve_id);
