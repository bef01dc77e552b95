package org.cpansec.server.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that tests move by hand (lockouts, link expiry, code steps, deadlines). By default it
 * starts at the real time, so that what the database and the session store do by the real clock
 * stays consistent. UTC only.
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

  /** Puts the clock at {@code instant}, forward or back (a deadline passed, a date before). */
  public void set(Instant instant) {
    now = instant;
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
