/**
 * The append-only, hash-chained audit log of every read and change of a case (ADR 0008): appending
 * under the {@code audit_head} row lock, reading by case and by actor, and verifying the chain.
 */
package org.cpansec.server.audit;
