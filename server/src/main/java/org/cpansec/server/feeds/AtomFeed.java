package org.cpansec.server.feeds;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.AdvisoryDatabase;

/**
 * The Atom (RFC 4287) feed of the newest advisories, newest first by published (else reported)
 * date. Written with the JDK's XML writer, which escapes every text it is given.
 */
final class AtomFeed {
  static final int ENTRIES = 100;
  private static final String NS = "http://www.w3.org/2005/Atom";

  private AtomFeed() {}

  static byte[] write(AdvisoryDatabase db, URI base, Instant updatedFallback) {
    List<Advisory> newest =
        db.all().stream()
            .filter(a -> date(a) != null)
            .sorted(Comparator.comparing(AtomFeed::date).reversed().thenComparing(Advisory::id))
            .limit(ENTRIES)
            .toList();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
      x.writeStartDocument("UTF-8", "1.0");
      x.writeStartElement("feed");
      x.writeDefaultNamespace(NS);
      text(x, "title", "CPAN security advisories");
      text(x, "id", base.resolve("/feeds/advisories.atom").toString());
      link(x, base.resolve("/feeds/advisories.atom").toString(), "self");
      link(x, base.resolve("/advisories").toString(), "alternate");
      text(
          x,
          "updated",
          newest.isEmpty() ? updatedFallback.toString() : timestamp(date(newest.get(0))));
      x.writeStartElement("author");
      text(x, "name", "CPAN Security Group");
      x.writeEndElement();
      for (Advisory a : newest) {
        entry(x, a, base);
      }
      x.writeEndElement();
      x.writeEndDocument();
      x.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write the Atom feed", e);
    }
    return out.toByteArray();
  }

  private static void entry(XMLStreamWriter x, Advisory a, URI base) throws XMLStreamException {
    String page = base.resolve("/advisories/" + a.id()).toString();
    x.writeStartElement("entry");
    text(x, "id", page);
    String headline =
        a.title() != null ? a.title() : a.description() == null ? "" : firstLine(a.description());
    text(x, "title", a.id() + " (" + a.distribution() + "): " + headline);
    link(x, page, "alternate");
    text(x, "updated", timestamp(a.modified() != null ? a.modified() : date(a)));
    text(x, "published", timestamp(date(a)));
    if (a.description() != null) {
      x.writeStartElement("summary");
      x.writeAttribute("type", "text");
      x.writeCharacters(a.description());
      x.writeEndElement();
    }
    x.writeStartElement("category");
    x.writeAttribute("term", a.distribution());
    x.writeEndElement();
    x.writeEndElement();
  }

  private static String date(Advisory a) {
    return a.published() != null ? a.published() : a.reported();
  }

  private static String firstLine(String s) {
    String line = s.strip().lines().findFirst().orElse("");
    return line.length() <= 160 ? line : line.substring(0, 159) + "…";
  }

  /** A date as RFC 3339; a bare date is taken as midnight UTC. */
  static String timestamp(String date) {
    if (date.length() == 10) {
      return date + "T00:00:00Z";
    }
    return date.endsWith("Z") || date.matches(".*[+-]\\d{2}:\\d{2}$") ? date : date + "Z";
  }

  private static void text(XMLStreamWriter x, String name, String value) throws XMLStreamException {
    x.writeStartElement(name);
    x.writeCharacters(value);
    x.writeEndElement();
  }

  private static void link(XMLStreamWriter x, String href, String rel) throws XMLStreamException {
    x.writeEmptyElement("link");
    x.writeAttribute("rel", rel);
    x.writeAttribute("href", href);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
