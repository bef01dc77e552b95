package org.cpansec.server.mail;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns on the scheduled retry of queued mail. */
@Configuration
@EnableScheduling
public class MailScheduling {}
