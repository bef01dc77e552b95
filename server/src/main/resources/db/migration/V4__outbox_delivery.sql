-- Delivery state of queued mail. A row is QUEUED until a sender claims it (SENDING) and then SENT;
-- a failed attempt puts it back to QUEUED with the error and the time of the next attempt. A row
-- left in SENDING (the process stopped mid-send) is never retried automatically, so no mail is
-- sent twice; the log names such rows at start.
ALTER TABLE outbox ADD COLUMN status VARCHAR(10) DEFAULT 'QUEUED' NOT NULL;
ALTER TABLE outbox ADD COLUMN attempts INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE outbox ADD COLUMN last_error VARCHAR(2000);
ALTER TABLE outbox ADD COLUMN next_attempt_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE outbox ADD COLUMN sent_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE outbox ADD COLUMN report_id BIGINT REFERENCES report (id) ON DELETE SET NULL;
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
