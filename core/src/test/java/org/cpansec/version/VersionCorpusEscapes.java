package org.cpansec.version;

/** Makes white space visible in test messages. */
final class VersionCorpusEscapes {
  private VersionCorpusEscapes() {}

  static String escape(String s) {
    return s.replace("\\", "\\\\")
        .replace("\t", "\\t")
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\f", "\\f")
        .replace("\u000b", "\\v");
  }
}
