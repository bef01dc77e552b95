package org.cpansec.server.comms;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the maintainer contact and the dashboard under {@code cpansec.comms.*} (documented in
 * docs/server.md, "Maintainer contact and dashboard"). Bound and validated at start-up.
 *
 * @param dueSoon a deadline due within this long is shown as "due soon" on the dashboard, the case
 *     list and the case page (zero or more; at most a year)
 */
@Validated
@ConfigurationProperties("cpansec.comms")
public record CommsProperties(@DefaultValue("P3D") @NotNull Duration dueSoon) {
  public CommsProperties {
    if (dueSoon != null && (dueSoon.isNegative() || dueSoon.compareTo(Duration.ofDays(366)) > 0)) {
      throw new IllegalArgumentException(
          "cpansec.comms.due-soon must be between PT0S and P366D, like P3D; it is " + dueSoon);
    }
  }
}
