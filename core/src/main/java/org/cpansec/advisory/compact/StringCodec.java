package org.cpansec.advisory.compact;

/**
 * How strings are coded in the compact form: a varint tag, 0 for null, 1 for a new string (followed
 * by its UTF-8 length and bytes), or 2+n for the n-th string seen before. Distribution names, files
 * and kinds repeat thousands of times; each is decoded once.
 */
final class StringCodec {
  static final int NULL = 0;
  static final int LITERAL = 1;
  static final int FIRST_REF = 2;

  private StringCodec() {}
}
