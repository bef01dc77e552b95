package org.cpansec.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TOTP and HOTP against the RFCs' own test vectors; the acceptance window and replay rule. */
class TotpTest {
  private static final byte[] SEED20 = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SEED32 =
      "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SEED64 =
      "1234567890123456789012345678901234567890123456789012345678901234"
          .getBytes(StandardCharsets.US_ASCII);

  /** RFC 4226 Appendix D: HOTP values for counters 0 to 9 of the 20-byte ASCII seed. */
  @ParameterizedTest
  @CsvSource({
    "0, 755224", "1, 287082", "2, 359152", "3, 969429", "4, 338314",
    "5, 254676", "6, 287922", "7, 162583", "8, 399871", "9, 520489"
  })
  void rfc4226Vectors(long counter, String expected) {
    assertThat(Totp.hotp(SEED20, counter, 6, "HmacSHA1")).isEqualTo(expected);
  }

  /** RFC 6238 Appendix B: 8-digit TOTP, 30-second steps, for SHA-1, SHA-256 and SHA-512. */
  @ParameterizedTest
  @CsvSource({
    "59, 0000000000000001, 94287082, 46119246, 90693936",
    "1111111109, 00000000023523EC, 07081804, 68084774, 25091201",
    "1111111111, 00000000023523ED, 14050471, 67062674, 99943326",
    "1234567890, 000000000273EF07, 89005924, 91819424, 93441116",
    "2000000000, 0000000003F940AA, 69279037, 90698825, 38618901",
    "20000000000, 0000000027BC86AA, 65353130, 77737706, 47863826"
  })
  void rfc6238Vectors(long time, String stepHex, String sha1, String sha256, String sha512) {
    long step = Totp.step(Instant.ofEpochSecond(time));
    assertThat(step).isEqualTo(Long.parseUnsignedLong(stepHex, 16));
    assertThat(Totp.hotp(SEED20, step, 8, "HmacSHA1")).isEqualTo(sha1);
    assertThat(Totp.hotp(SEED32, step, 8, "HmacSHA256")).isEqualTo(sha256);
    assertThat(Totp.hotp(SEED64, step, 8, "HmacSHA512")).isEqualTo(sha512);
  }

  @Test
  void theSixDigitCodeOfABase32SecretIsTheLowDigitsOfTheRfcValue() {
    String secret = Base32.encode(SEED20);
    assertThat(secret).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    long step = Totp.step(Instant.ofEpochSecond(1111111109));
    assertThat(Totp.code(secret, step)).isEqualTo("081804");
  }

  /** RFC 4648 §10 vectors, both ways; decoding forgives case, spaces and padding. */
  @ParameterizedTest
  @CsvSource({
    "'', ''",
    "f, MY",
    "fo, MZXQ",
    "foo, MZXW6",
    "foob, MZXW6YQ",
    "fooba, MZXW6YTB",
    "foobar, MZXW6YTBOI"
  })
  void base32Vectors(String plain, String encoded) {
    assertThat(Base32.encode(plain.getBytes(StandardCharsets.US_ASCII))).isEqualTo(encoded);
    assertThat(new String(Base32.decode(encoded), StandardCharsets.US_ASCII)).isEqualTo(plain);
    assertThat(new String(Base32.decode(encoded.toLowerCase() + "=="), StandardCharsets.US_ASCII))
        .isEqualTo(plain);
  }

  @Test
  void base32RefusesOtherCharacters() {
    assertThatThrownBy(() -> Base32.decode("MZXW1")).hasMessageContaining("'1'");
  }

  @Test
  void aCodeIsAcceptedOneStepEitherSideOnlyAndOnlyAfterTheLastUsedStep() {
    String secret = Totp.newSecret();
    Instant now = Instant.ofEpochSecond(1_700_000_015L);
    long step = Totp.step(now);
    for (int d = -1; d <= 1; d++) {
      assertThat(Totp.matchingStep(secret, Totp.code(secret, step + d), now, Long.MIN_VALUE))
          .as("offset %d", d)
          .isEqualTo(OptionalLong.of(step + d));
    }
    assertThat(Totp.matchingStep(secret, Totp.code(secret, step - 2), now, Long.MIN_VALUE))
        .isEmpty();
    assertThat(Totp.matchingStep(secret, Totp.code(secret, step + 2), now, Long.MIN_VALUE))
        .isEmpty();
    // Replay: the step itself, or an earlier one, once used, is refused.
    String current = Totp.code(secret, step);
    assertThat(Totp.matchingStep(secret, current, now, step)).isEmpty();
    assertThat(Totp.matchingStep(secret, Totp.code(secret, step - 1), now, step - 1)).isEmpty();
    assertThat(Totp.matchingStep(secret, Totp.code(secret, step + 1), now, step))
        .isEqualTo(OptionalLong.of(step + 1));
    // Spaces are forgiven; anything not six digits is no code.
    assertThat(
            Totp.matchingStep(
                secret, current.substring(0, 3) + " " + current.substring(3), now, Long.MIN_VALUE))
        .isEqualTo(OptionalLong.of(step));
    for (String junk : new String[] {"", "12345", "1234567", "abcdef", null}) {
      assertThat(Totp.matchingStep(secret, junk, now, Long.MIN_VALUE)).as(junk).isEmpty();
    }
  }

  @Test
  void secretsAre160BitsOfBase32AndDiffer() {
    String a = Totp.newSecret();
    assertThat(a).matches("[A-Z2-7]{32}");
    assertThat(Base32.decode(a)).hasSize(20);
    assertThat(Totp.newSecret()).isNotEqualTo(a);
  }

  @Test
  void otpauthUriFollowsTheKeyUriFormat() {
    assertThat(Totp.otpauthUri("CPANSec", "alice.b", "JBSWY3DPEHPK3PXP"))
        .isEqualTo("otpauth://totp/CPANSec:alice.b?secret=JBSWY3DPEHPK3PXP&issuer=CPANSec");
    assertThat(Totp.otpauthUri("CPANSec", "a b&c", "JBSWY3DPEHPK3PXP"))
        .isEqualTo("otpauth://totp/CPANSec:a%20b%26c?secret=JBSWY3DPEHPK3PXP&issuer=CPANSec");
  }
}
