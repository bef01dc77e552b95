package org.cpansec.server.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that tests move forward by hand (lockouts, link expiry, code steps). Starts at the real
 * time, so that what the database and the session store do by the real clock stays consistent.
 */
public final class MutableClock extends Clock {
  private volatile Instant now;

  public MutableClock() {
    this(Instant.now());
  }

  public MutableClock(Instant start) {
    this.now = start;
  }

  /** Moves the clock forward. */
  public synchronized void advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("a test clock only moves forward");
    }
    now = now.plus(by);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    if (!ZoneOffset.UTC.equals(zone)) {
      throw new UnsupportedOperationException("the test clock is UTC");
    }
    return this;
  }
}
