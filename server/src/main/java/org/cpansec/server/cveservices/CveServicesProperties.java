package org.cpansec.server.cveservices;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How to reach CVE Services ({@code cpansec.cve-services.*}). The client is off until {@code org},
 * {@code user} and {@code api-key} are all set; setting only some of them stops the server at
 * start-up. The API key never appears in {@link #toString()} or in any log line.
 *
 * @param baseUrl the API root, e.g. {@code https://cveawg.mitre.org/api} (production) or {@code
 *     https://cveawg-test.mitre.org/api} (the test instance)
 * @param org the CNA's short name at CVE Services ({@code CVE-API-ORG}, also {@code short_name})
 * @param user the CVE Services user name ({@code CVE-API-USER})
 * @param apiKey the user's API key ({@code CVE-API-KEY})
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for each answer
 */
@Validated
@ConfigurationProperties("cpansec.cve-services")
public record CveServicesProperties(
    @DefaultValue("https://cveawg.mitre.org/api") @NotNull URI baseUrl,
    String org,
    String user,
    String apiKey,
    @DefaultValue("PT10S") @NotNull Duration connectTimeout,
    @DefaultValue("PT30S") @NotNull Duration requestTimeout) {

  /** Is every credential set, so that the client may call CVE Services? */
  public boolean configured() {
    return Stream.of(org, user, apiKey).noneMatch(CveServicesProperties::blank);
  }

  /** Why the client is off, naming the keys still missing; empty when it is configured. */
  public String missing() {
    StringBuilder keys = new StringBuilder();
    if (blank(org)) {
      keys.append("cpansec.cve-services.org ");
    }
    if (blank(user)) {
      keys.append("cpansec.cve-services.user ");
    }
    if (blank(apiKey)) {
      keys.append("cpansec.cve-services.api-key ");
    }
    return keys.toString().strip();
  }

  /** Validation: all three credentials or none. */
  @AssertTrue(
      message =
          "set all of cpansec.cve-services.org, cpansec.cve-services.user and"
              + " cpansec.cve-services.api-key, or none of them (then the client is off)")
  public boolean isCredentialsComplete() {
    long set = Stream.of(org, user, apiKey).filter(s -> !blank(s)).count();
    return set == 0 || set == 3;
  }

  /** Validation: an absolute http(s) address. */
  @AssertTrue(message = "cpansec.cve-services.base-url must be an absolute http or https URL")
  public boolean isBaseUrlHttp() {
    return baseUrl == null
        || (baseUrl.isAbsolute()
            && ("https".equalsIgnoreCase(baseUrl.getScheme())
                || "http".equalsIgnoreCase(baseUrl.getScheme()))
            && baseUrl.getHost() != null);
  }

  /** Validation: positive timeouts. */
  @AssertTrue(message = "cpansec.cve-services timeouts must be positive")
  public boolean isTimeoutsPositive() {
    return connectTimeout == null
        || requestTimeout == null
        || (!connectTimeout.isNegative()
            && !connectTimeout.isZero()
            && !requestTimeout.isNegative()
            && !requestTimeout.isZero());
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  @Override
  public String toString() {
    return "CveServicesProperties[baseUrl="
        + baseUrl
        + ", org="
        + org
        + ", user="
        + user
        + ", apiKey="
        + (blank(apiKey) ? "(not set)" : "(set, not shown)")
        + ", connectTimeout="
        + connectTimeout
        + ", requestTimeout="
        + requestTimeout
        + "]";
  }
}
