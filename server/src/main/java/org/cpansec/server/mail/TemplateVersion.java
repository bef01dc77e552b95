package org.cpansec.server.mail;

import java.time.OffsetDateTime;

/**
 * One saved version of a purpose's template. {@code editedBy} is the member who saved it (null for
 * the shipped default), {@code editorName} their username when known.
 */
public record TemplateVersion(
    MailPurpose purpose,
    int version,
    String subject,
    String body,
    Long editedBy,
    String editorName,
    OffsetDateTime editedAt) {}
