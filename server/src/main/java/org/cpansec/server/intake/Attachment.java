package org.cpansec.server.intake;

import java.util.Objects;

/**
 * A file attached to a report: its name as the reporter's system gave it (reduced to the last path
 * segment, printable, at most 255 characters), the type sniffed from its bytes, and the bytes.
 */
public record Attachment(String fileName, String contentType, byte[] content) {
  public Attachment {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(contentType, "contentType");
    fileName = safeName(fileName);
  }

  /** Types the bytes, ignoring whatever type the client declared. */
  public static Attachment of(String clientName, byte[] content) {
    return new Attachment(clientName, ContentSniffer.sniff(content), content);
  }

  public long size() {
    return content.length;
  }

  /** Browsers on Windows send whole paths; control characters would break logs and headers. */
  static String safeName(String name) {
    String base =
        name == null
            ? ""
            : name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    String clean =
        base.codePoints()
            .filter(c -> !Character.isISOControl(c))
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString()
            .strip();
    if (clean.isEmpty()) {
      clean = "unnamed";
    }
    return clean.length() > 255 ? clean.substring(0, 255) : clean;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Attachment a
        && a.fileName.equals(fileName)
        && a.contentType.equals(contentType)
        && java.util.Arrays.equals(a.content, content);
  }

  @Override
  public int hashCode() {
    return Objects.hash(fileName, contentType, java.util.Arrays.hashCode(content));
  }

  @Override
  public String toString() {
    return "Attachment[" + fileName + ", " + contentType + ", " + content.length + " bytes]";
  }
}
