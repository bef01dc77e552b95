package org.cpansec.server.mail;

/** A template filled in: the subject (one line), the body, and which version produced them. */
public record RenderedMail(MailPurpose purpose, int version, String subject, String body) {}
