package org.cpansec.server.mail;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The platform's own OpenPGP secret key, for decrypting what is sent to it encrypted ({@link
 * PgpDecryptor}): an ASCII-armoured secret key file and its passphrase (best from the environment,
 * {@code CPANSEC_MAIL_PGP_SECRET_KEY_PASSPHRASE}). Without a file, decryption is off.
 */
@ConfigurationProperties("cpansec.mail.pgp")
public record PgpProperties(Path secretKeyFile, String secretKeyPassphrase) {
  /** Whether a secret key is configured. */
  public boolean configured() {
    return secretKeyFile != null;
  }

  @Override
  public String toString() {
    // Never log the passphrase.
    return "PgpProperties[secretKeyFile=" + secretKeyFile + "]";
  }
}
