package org.cpansec.server.mail;

import java.nio.file.Path;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * DKIM signing of every outgoing mail (RFC 6376): the signing domain ({@code d=}), the selector
 * ({@code s=}; the public key is published at {@code <selector>._domainkey.<domain>}) and a PEM
 * file with the RSA private key (PKCS#8 {@code BEGIN PRIVATE KEY} or PKCS#1 {@code BEGIN RSA
 * PRIVATE KEY}, unencrypted). Either all three are set, and mail is signed, or none.
 */
@ConfigurationProperties("cpansec.mail.dkim")
public record DkimProperties(String domain, String selector, Path privateKeyFile) {
  private static final Pattern DOMAIN =
      Pattern.compile(
          "(?i)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+");
  private static final Pattern SELECTOR =
      Pattern.compile("(?i)[a-z0-9](?:[a-z0-9_-]{0,62})(?:\\.[a-z0-9](?:[a-z0-9_-]{0,62}))*");

  public DkimProperties {
    boolean any = domain != null || selector != null || privateKeyFile != null;
    boolean all = domain != null && selector != null && privateKeyFile != null;
    if (any && !all) {
      throw new IllegalArgumentException(
          "set all three of cpansec.mail.dkim.domain, .selector and .private-key-file, or none");
    }
    if (domain != null && !DOMAIN.matcher(domain).matches()) {
      throw new IllegalArgumentException(
          "cpansec.mail.dkim.domain must be a domain name like example.org, not \""
              + domain
              + "\"");
    }
    if (selector != null && !SELECTOR.matcher(selector).matches()) {
      throw new IllegalArgumentException(
          "cpansec.mail.dkim.selector must be letters, digits, - and _ (dot-separated), not \""
              + selector
              + "\"");
    }
  }

  /** Whether mail is signed. */
  public boolean enabled() {
    return domain != null;
  }
}
