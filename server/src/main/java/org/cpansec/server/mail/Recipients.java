package org.cpansec.server.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Who a mail goes to: the To and Cc lists (there is no Bcc: everyone sees who was written to). Each
 * entry is one bare address ({@code name@example.org}), checked for shape, lower-cased in the
 * domain part, without duplicates; an address in both lists stays only in To.
 */
public record Recipients(List<String> to, List<String> cc) {
  /** Longest total of each list as stored (comma-separated). */
  static final int MAX_LIST = 4000;

  public Recipients {
    to = clean(to, "To");
    cc = clean(cc, "Cc");
    if (to.isEmpty()) {
      throw new IllegalArgumentException("a mail needs at least one To address");
    }
    Set<String> seen = new LinkedHashSet<>(to);
    List<String> ccOnly = new ArrayList<>();
    for (String a : cc) {
      if (seen.add(a)) {
        ccOnly.add(a);
      }
    }
    cc = List.copyOf(ccOnly);
    if (String.join(",", to).length() > MAX_LIST || String.join(",", cc).length() > MAX_LIST) {
      throw new IllegalArgumentException("too many recipients for one mail");
    }
  }

  /** A mail to these addresses, nobody in Cc. */
  public static Recipients to(String... addresses) {
    return new Recipients(List.of(addresses), List.of());
  }

  /** The same mail with these addresses added to Cc. */
  public Recipients withCc(String... addresses) {
    List<String> more = new ArrayList<>(cc);
    more.addAll(List.of(addresses));
    return new Recipients(to, more);
  }

  /** Everyone, To first. */
  public List<String> all() {
    List<String> all = new ArrayList<>(to);
    all.addAll(cc);
    return all;
  }

  /** Reads a stored comma-separated list (empty for null). */
  static List<String> split(String stored) {
    if (stored == null || stored.isBlank()) {
      return List.of();
    }
    return List.of(stored.split(","));
  }

  private static List<String> clean(List<String> list, String field) {
    if (list == null) {
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    for (String a : list) {
      out.add(normalize(a, field));
    }
    return List.copyOf(out);
  }

  /**
   * One address, checked: no display name, no line break, no comma, a local part and a domain; the
   * domain is lower-cased (the local part is the receiving host's business).
   */
  public static String normalize(String address, String field) {
    if (address == null || address.isBlank()) {
      throw new IllegalArgumentException(field + ": an empty address");
    }
    String a = address.strip();
    if (a.length() > 320 || a.chars().anyMatch(c -> c < 0x21 || c == ',' || c == 0x7f)) {
      throw new IllegalArgumentException(
          field + ": \"" + shorten(a) + "\" is not one plain address like name@example.org");
    }
    try {
      InternetAddress parsed = new InternetAddress(a, true);
      if (!a.equals(parsed.getAddress()) || a.indexOf('@') < 1 || a.endsWith("@")) {
        throw new AddressException("not a bare address");
      }
    } catch (AddressException e) {
      throw new IllegalArgumentException(
          field + ": \"" + shorten(a) + "\" is not an address like name@example.org");
    }
    int at = a.lastIndexOf('@');
    return a.substring(0, at) + "@" + a.substring(at + 1).toLowerCase(Locale.ROOT);
  }

  private static String shorten(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "…" : s;
  }
}
