package org.cpansec.advisory.compact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.AdvisoryBatch;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.advisory.AdvisoryFormatException;
import org.cpansec.advisory.AdvisoryRange;
import org.cpansec.advisory.Credit;
import org.cpansec.advisory.DatabaseSource;
import org.cpansec.advisory.LintFinding;
import org.cpansec.advisory.LintKind;
import org.cpansec.advisory.Origin;
import org.cpansec.advisory.Reference;
import org.cpansec.advisory.ReleaseList;
import org.cpansec.advisory.Severity;
import org.cpansec.advisory.ThirdParty;

/** Reads the compact form back into the database {@link CompactWriter} wrote. */
public final class CompactReader {
  private final byte[] buf;
  private final String name;
  private final List<String> strings = new ArrayList<>(32_768);
  private int pos;

  private CompactReader(byte[] buf, String name) {
    this.buf = buf;
    this.name = name;
  }

  public static AdvisoryDatabase read(InputStream in, String name) throws IOException {
    CompactReader r = new CompactReader(in.readAllBytes(), name);
    try {
      return r.database();
    } catch (IndexOutOfBoundsException | IllegalArgumentException | NullPointerException e) {
      throw new AdvisoryFormatException(
          name, "byte " + r.pos, "corrupt or truncated compact database", e);
    }
  }

  private AdvisoryDatabase database() {
    if (int32() != CompactWriter.MAGIC || int32() != CompactWriter.FORMAT) {
      throw new AdvisoryFormatException(
          name, "", "not a compact advisory database (format " + CompactWriter.FORMAT + ")", null);
    }
    DatabaseSource source = source();
    Map<String, String> mains = map(new HashMap<>());
    int n = varint();
    List<Advisory> advisories = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      advisories.add(advisory());
    }
    int f = varint();
    List<LintFinding> findings = new ArrayList<>(f);
    for (int i = 0; i < f; i++) {
      findings.add(new LintFinding(LintKind.valueOf(str()), origin(), str(), str()));
    }
    int dists = varint();
    String[] names = new String[dists];
    int[] counts = new int[dists];
    for (int i = 0; i < dists; i++) {
      names[i] = str();
      counts[i] = varint();
    }
    int modulesAt = pos;
    pos += 4 + int32At(pos);
    Map<String, ReleaseList> releases = new LinkedHashMap<>();
    for (int i = 0; i < dists; i++) {
      int at = pos;
      int rows = counts[i];
      releases.put(names[i], new ReleaseList(rows, () -> new Section(buf, at + 4).rows(rows)));
      pos += 4 + int32At(pos);
    }
    AdvisoryBatch data =
        new AdvisoryBatch(
            source,
            List.of(),
            releases,
            mains,
            new LazyModuleMap(buf, modulesAt + 4),
            findings,
            false);
    return AdvisoryDatabase.restore(data, advisories);
  }

  private int int32At(int at) {
    return ((buf[at] & 0xff) << 24)
        | ((buf[at + 1] & 0xff) << 16)
        | ((buf[at + 2] & 0xff) << 8)
        | (buf[at + 3] & 0xff);
  }

  private DatabaseSource source() {
    String kind = str();
    String file = str();
    String repo = str();
    String commit = str();
    String date = str();
    String epoch = str();
    return new DatabaseSource(
        kind,
        file,
        repo,
        commit,
        date,
        epoch == null ? null : Instant.ofEpochSecond(Long.parseLong(epoch)));
  }

  /** Built directly, not through the builder: the data was de-duplicated when it was merged. */
  private Advisory advisory() {
    String id = str();
    String dist = str();
    List<String> aliases = strings();
    List<AdvisoryRange> affected = ranges();
    List<AdvisoryRange> fixed = ranges();
    Severity severity = Severity.of(str());
    List<String> cvss = strings();
    List<String> cwes = strings();
    String title = str();
    String description = str();
    List<Reference> references = new ArrayList<>();
    for (int i = varint(); i > 0; i--) {
      String url = str();
      references.add(new Reference(url, Reference.Kind.valueOf(str())));
    }
    String reported = str();
    String published = str();
    String modified = str();
    List<Credit> credits = new ArrayList<>();
    for (int i = varint(); i > 0; i--) {
      credits.add(new Credit(str(), str()));
    }
    int third = varint();
    ThirdParty thirdParty = third == 0 ? null : new ThirdParty(str(), str(), third == 1);
    String comment = str();
    List<Origin> origins = new ArrayList<>();
    for (int i = varint(); i > 0; i--) {
      origins.add(origin());
    }
    Map<String, String> extra = map(new LinkedHashMap<>());
    return new Advisory(
        id,
        aliases,
        dist,
        affected,
        fixed,
        severity,
        cvss,
        cwes,
        title,
        description,
        references,
        reported,
        published,
        modified,
        credits,
        thirdParty,
        comment,
        origins,
        extra);
  }

  private List<String> strings() {
    int n = varint();
    List<String> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(str());
    }
    return list;
  }

  private List<AdvisoryRange> ranges() {
    int n = varint();
    List<AdvisoryRange> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String text = str();
      String problem = str();
      list.add(problem == null ? AdvisoryRange.cpansa(text) : AdvisoryRange.invalid(text, problem));
    }
    return list;
  }

  private Origin origin() {
    return new Origin(str(), str(), str());
  }

  private Map<String, String> map(Map<String, String> into) {
    for (int i = varint(); i > 0; i--) {
      into.put(str(), str());
    }
    return into;
  }

  private int int32() {
    int v = int32At(pos);
    pos += 4;
    return v;
  }

  private int varint() {
    Section s = new Section(buf, pos);
    int v = s.varint();
    pos = s.pos;
    return v;
  }

  private String str() {
    int tag = varint();
    if (tag == StringCodec.NULL) {
      return null;
    }
    if (tag >= StringCodec.FIRST_REF) {
      return strings.get(tag - StringCodec.FIRST_REF);
    }
    int len = varint();
    String s = new String(buf, pos, len, StandardCharsets.UTF_8);
    pos += len;
    strings.add(s);
    return s;
  }
}
