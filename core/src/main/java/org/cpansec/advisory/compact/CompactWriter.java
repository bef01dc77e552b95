package org.cpansec.advisory.compact;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.advisory.AdvisoryRange;
import org.cpansec.advisory.Credit;
import org.cpansec.advisory.DatabaseSource;
import org.cpansec.advisory.LintFinding;
import org.cpansec.advisory.Origin;
import org.cpansec.advisory.Reference;
import org.cpansec.advisory.Release;
import org.cpansec.advisory.ThirdParty;

/**
 * Writes a single-source database, already merged, in the compact form {@link CompactReader} reads:
 * the source, module maps, releases, merged advisories and the source's findings.
 */
public final class CompactWriter {
  static final int MAGIC = 0x43504153; // "CPAS"
  static final int FORMAT = 4; // enums by name: safe when a kind is added

  private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
  private final Map<String, Integer> seen = new HashMap<>();

  private CompactWriter() {}

  public static void write(AdvisoryDatabase db, OutputStream stream) throws IOException {
    if (db.sources().size() != 1) {
      throw new IllegalArgumentException("the compact form holds one source");
    }
    CompactWriter w = new CompactWriter();
    w.int32(MAGIC);
    w.int32(FORMAT);
    w.source(db.source());
    w.map(db.mainModules());
    w.varint(db.all().size());
    for (Advisory a : db.all()) {
      w.advisory(a);
    }
    w.varint(db.sourceFindings().size());
    for (LintFinding f : db.sourceFindings()) {
      w.str(f.kind().name());
      w.origin(f.location());
      w.str(f.subject());
      w.str(f.message());
    }
    List<String> dists = db.distributions().stream().filter(db::knowsReleasesOf).toList();
    w.varint(dists.size());
    for (String d : dists) {
      w.str(d);
      w.varint(db.releases(d).size());
    }
    // Sections read only on demand: the module map, then each distribution's releases.
    CompactWriter modules = new CompactWriter();
    modules.varint(db.module2dist().size());
    for (var e : new TreeMap<>(db.module2dist()).entrySet()) {
      modules.literal(e.getKey());
      modules.literal(e.getValue());
    }
    w.section(modules);
    for (String d : dists) {
      CompactWriter block = new CompactWriter();
      for (Release r : db.releases(d)) {
        block.literal(r.text().isEmpty() ? null : r.text());
        block.literal(r.date().orElse(null));
        block.literal(r.perlRelease().orElse(null));
      }
      w.section(block);
    }
    w.out.writeTo(stream);
  }

  private void section(CompactWriter part) {
    int32(part.out.size());
    out.write(part.out.toByteArray(), 0, part.out.size());
  }

  /** A string outside the shared table (sections decode on their own): 0 null, else length+1. */
  private void literal(String s) {
    if (s == null) {
      varint(0);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    varint(b.length + 1);
    out.write(b, 0, b.length);
  }

  private void source(DatabaseSource s) {
    str(s.kind());
    str(s.file());
    str(s.repository());
    str(s.commit());
    str(s.date());
    str(s.generatedAt().map(t -> Long.toString(t.getEpochSecond())).orElse(null));
  }

  private void advisory(Advisory a) {
    str(a.id());
    str(a.distribution());
    strings(a.aliases());
    ranges(a.affected());
    ranges(a.fixed());
    str(a.severity().original());
    strings(a.cvss());
    strings(a.cwes());
    str(a.title());
    str(a.description());
    varint(a.references().size());
    for (Reference r : a.references()) {
      str(r.url());
      str(r.kind().name());
    }
    str(a.reported());
    str(a.published());
    str(a.modified());
    varint(a.credits().size());
    for (Credit c : a.credits()) {
      str(c.name());
      str(c.type());
    }
    ThirdParty t = a.thirdParty();
    varint(t == null ? 0 : t.embedded() ? 1 : 2);
    if (t != null) {
      str(t.name());
      str(t.distributedVersion());
    }
    str(a.comment());
    varint(a.origins().size());
    a.origins().forEach(this::origin);
    map(a.extra());
  }

  private void ranges(List<AdvisoryRange> ranges) {
    varint(ranges.size());
    for (AdvisoryRange r : ranges) {
      str(r.text());
      str(r.problem().orElse(null));
    }
  }

  private void origin(Origin o) {
    str(o.source());
    str(o.file());
    str(o.location());
  }

  private void map(Map<String, String> map) {
    varint(map.size());
    for (var e : new TreeMap<>(map).entrySet()) {
      str(e.getKey());
      str(e.getValue());
    }
  }

  private void strings(List<String> list) {
    varint(list.size());
    list.forEach(this::str);
  }

  private void str(String s) {
    if (s == null) {
      varint(StringCodec.NULL);
      return;
    }
    Integer ref = seen.get(s);
    if (ref != null) {
      varint(StringCodec.FIRST_REF + ref);
      return;
    }
    seen.put(s, seen.size());
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    varint(StringCodec.LITERAL);
    varint(b.length);
    out.write(b, 0, b.length);
  }

  private void varint(int v) {
    int x = v;
    while ((x & ~0x7f) != 0) {
      out.write((x & 0x7f) | 0x80);
      x >>>= 7;
    }
    out.write(x);
  }

  private void int32(int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }
}
