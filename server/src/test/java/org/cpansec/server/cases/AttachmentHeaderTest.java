package org.cpansec.server.cases;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The download's Content-Disposition, for names a browser or a person might send. */
class AttachmentHeaderTest {
  @Test
  void plainNamesAreQuoted() {
    assertThat(CaseController.attachment("poc.pl"))
        .isEqualTo("attachment; filename=\"poc.pl\"; filename*=UTF-8''poc.pl");
  }

  @Test
  void quotesBackslashesAndNonAsciiCannotBreakTheHeader() {
    assertThat(CaseController.attachment("ré\"su\\mé *.txt"))
        .isEqualTo(
            "attachment; filename=\"r__su_m_ *.txt\";"
                + " filename*=UTF-8''r%C3%A9%22su%5Cm%C3%A9%20%2A.txt");
  }

  @Test
  void storedNamesLoseTheirPathAndControlCharacters() {
    assertThat(CaseAttachments.safeName("C:\\x\\..\\evil.html")).isEqualTo("evil.html");
    assertThat(CaseAttachments.safeName("../../etc/passwd")).isEqualTo("passwd");
    assertThat(CaseAttachments.safeName("a\r\nb")).isEqualTo("ab");
    assertThat(CaseAttachments.safeName("..")).isEqualTo("unnamed");
    assertThat(CaseAttachments.safeName(null)).isEqualTo("unnamed");
  }
}
