package org.cpansec.server.cveid;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cpansec.server.account.MutableClock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;

/** The pool tests' clock and event recorder. */
@TestConfiguration(proxyBeanMethods = false)
public class CveIdTestBeans {
  /** The instant every test starts at: mid-2041, so that the tests' years are their own. */
  public static final Instant START = Instant.parse("2041-06-15T10:00:00Z");

  @Bean
  @Primary
  MutableClock testClock() {
    return new MutableClock(START);
  }

  @Bean
  Events cveIdEvents() {
    return new Events();
  }

  /** Every {@link CveIdEvent} published. */
  public static final class Events {
    private final List<CveIdEvent> seen = new CopyOnWriteArrayList<>();

    @EventListener
    public void on(CveIdEvent e) {
      seen.add(e);
    }

    public List<CveIdEvent> seen() {
      return List.copyOf(seen);
    }

    public void clear() {
      seen.clear();
    }
  }
}
