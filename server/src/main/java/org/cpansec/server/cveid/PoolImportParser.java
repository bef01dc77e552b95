package org.cpansec.server.cveid;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the IDs to import: either plain text, one {@code CVE-YYYY-NNNN} a line (blank lines and
 * lines starting with {@code #} are ignored), or the JSON CVE Services returns for a reservation or
 * a list ({@code {"cve_ids": [{"cve_id": ..., "cve_year": ..., "state": "RESERVED", ...}]}}, or the
 * bare array). Every malformed line is reported with its number; nothing is read from input that
 * has any.
 */
public final class PoolImportParser {
  /** Most IDs one import may hold. */
  public static final int MAX_IDS = 10_000;

  /** The first year of CVE IDs. */
  public static final int FIRST_YEAR = 1999;

  private static final Pattern CVE_ID = Pattern.compile("CVE-([0-9]{4})-[0-9]{4,19}");
  private static final int MAX_SHOWN = 80;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private PoolImportParser() {}

  /**
   * One ID read.
   *
   * @param cveId the ID
   * @param year its year
   * @param reserved when CVE Services says it was reserved, or null
   * @param line the input line it was on
   */
  public record Entry(String cveId, int year, OffsetDateTime reserved, int line) {}

  /**
   * The outcome.
   *
   * @param entries each ID once, in input order (empty when there are errors)
   * @param repeated IDs listed more than once
   * @param errors one message per bad line, {@code line N: ...}
   */
  public record Parsed(List<Entry> entries, List<String> repeated, List<String> errors) {
    public Parsed {
      entries = List.copyOf(entries);
      repeated = List.copyOf(repeated);
      errors = List.copyOf(errors);
    }
  }

  /**
   * Parses {@code text}; IDs of a year after {@code latestYear} (next year, say) are refused as
   * typos.
   */
  public static Parsed parse(String text, int latestYear) {
    String s = text == null ? "" : text;
    if (s.startsWith("\uFEFF")) {
      s = s.substring(1);
    }
    String start = s.stripLeading();
    Collector c = new Collector(latestYear);
    if (start.startsWith("{") || start.startsWith("[")) {
      json(s, c);
    } else {
      lines(s, c);
    }
    return c.result();
  }

  private static void lines(String text, Collector c) {
    String[] lines = text.split("\r\n|\r|\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      c.add(line, null, null, null, i + 1);
    }
  }

  private static void json(String text, Collector c) {
    try (JsonParser p = MAPPER.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == JsonToken.START_OBJECT) {
        boolean found = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          JsonToken value = p.nextToken();
          if ("cve_ids".equals(field) && value == JsonToken.START_ARRAY) {
            found = true;
            entries(p, c);
          } else {
            p.skipChildren();
          }
        }
        if (!found) {
          c.error(
              1, "the JSON has no \"cve_ids\" array (expected CVE Services' reservation answer)");
        }
      } else if (first == JsonToken.START_ARRAY) {
        entries(p, c);
      }
      if (p.nextToken() != null) {
        c.error(p.currentLocation().getLineNr(), "unexpected content after the JSON document");
      }
    } catch (JsonProcessingException e) {
      c.error(
          e.getLocation() == null ? 1 : e.getLocation().getLineNr(),
          "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      c.error(1, "cannot read the JSON: " + e.getMessage());
    }
  }

  private static void entries(JsonParser p, Collector c) throws IOException {
    int n = 0;
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
      n++;
      int line = p.currentTokenLocation().getLineNr();
      JsonNode entry = p.readValueAsTree();
      if (entry.isTextual()) {
        c.add(entry.asText(), null, null, null, line);
      } else if (entry.isObject()) {
        JsonNode id = entry.get("cve_id");
        if (id == null || !id.isTextual()) {
          c.error(line, "entry " + n + " has no \"cve_id\"");
          continue;
        }
        JsonNode year = entry.get("cve_year");
        JsonNode state = entry.get("state");
        JsonNode reserved = entry.get("reserved");
        c.add(
            id.asText(),
            year == null || year.isNull() ? null : year.asText(),
            state == null || state.isNull() ? null : state.asText(),
            reserved == null || reserved.isNull() ? null : reserved.asText(),
            line);
      } else {
        c.error(line, "entry " + n + " is neither an object nor a string");
      }
    }
  }

  /** Gathers entries and errors in input order. */
  private static final class Collector {
    private final int latestYear;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Set<String> repeated = new LinkedHashSet<>();
    private final List<String> errors = new ArrayList<>();

    Collector(int latestYear) {
      this.latestYear = latestYear;
    }

    void error(int line, String message) {
      errors.add("line " + line + ": " + message);
    }

    void add(String id, String year, String state, String reserved, int line) {
      var m = CVE_ID.matcher(id);
      if (!m.matches()) {
        error(
            line,
            "\""
                + shown(id)
                + "\" is not a CVE ID (expected CVE-YYYY-NNNN: the year, then 4 to 19 digits)");
        return;
      }
      int y = Integer.parseInt(m.group(1));
      if (y < FIRST_YEAR) {
        error(line, id + ": CVE years start at " + FIRST_YEAR);
        return;
      }
      if (y > latestYear) {
        error(line, id + ": the year " + y + " is after " + latestYear);
        return;
      }
      if (year != null && !year.equals(m.group(1))) {
        error(line, id + ": cve_year is " + shown(year) + ", not the ID's year " + y);
        return;
      }
      if (state != null && !"RESERVED".equals(state)) {
        error(
            line,
            id
                + " is "
                + shown(state)
                + " at CVE Services, not RESERVED: only reserved IDs go into the pool");
        return;
      }
      OffsetDateTime at = null;
      if (reserved != null) {
        try {
          at = OffsetDateTime.parse(reserved);
        } catch (DateTimeParseException e) {
          error(line, id + ": \"reserved\" is not a date-time: " + shown(reserved));
          return;
        }
      }
      if (entries.containsKey(id)) {
        repeated.add(id);
        return;
      }
      if (entries.size() == MAX_IDS) {
        error(line, "more than " + MAX_IDS + " IDs in one import; split the input");
        return;
      }
      entries.put(id, new Entry(id, y, at, line));
    }

    Parsed result() {
      if (!errors.isEmpty()) {
        return new Parsed(List.of(), List.copyOf(repeated), errors);
      }
      return new Parsed(List.copyOf(entries.values()), List.copyOf(repeated), List.of());
    }

    private static String shown(String s) {
      return s.length() > MAX_SHOWN ? s.substring(0, MAX_SHOWN) + "…" : s;
    }
  }
}
