package org.cpansec.advisory.compact;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A cursor over a part of the compact form that decodes on its own (no shared string table). */
final class Section {
  private final byte[] buf;
  int pos;

  Section(byte[] buf, int pos) {
    this.buf = buf;
    this.pos = pos;
  }

  int varint() {
    int v = 0;
    for (int shift = 0; ; shift += 7) {
      int b = buf[pos++];
      v |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
  }

  String literal() {
    int len = varint();
    if (len == 0) {
      return null;
    }
    String s = new String(buf, pos, len - 1, StandardCharsets.UTF_8);
    pos += len - 1;
    return s;
  }

  /** Release rows: {version, date, perl release}, each possibly null. */
  List<String[]> rows(int count) {
    List<String[]> rows = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      rows.add(new String[] {literal(), literal(), literal()});
    }
    return rows;
  }
}
