-- Mail on a case (packages mailin and cases; docs/server.md, "Mail intake"): a mail whose subject
-- names a case, from a party to that case, becomes a comment of the case (cases.CaseComments) and
-- its files attachments of the case. Both keep the address the mail came from.
ALTER TABLE case_comment ADD COLUMN received_by_mail_from VARCHAR(320);
ALTER TABLE case_attachment ADD COLUMN received_by_mail_from VARCHAR(320);

-- The mail as it arrived (subject, Message-ID, the whole text, intake's notes) stays in
-- case_inbound_mail, linked to the comment made from it; its files are the case's attachments.
ALTER TABLE case_inbound_mail ADD COLUMN comment_id BIGINT REFERENCES case_comment (id) ON DELETE SET NULL;
