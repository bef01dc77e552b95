package org.cpansec.manifest.sbom;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.cpansec.manifest.ExtractContext;
import org.cpansec.manifest.Extractor;
import org.cpansec.manifest.Manifest;
import org.cpansec.manifest.ManifestText;
import org.cpansec.manifest.UnreadableManifestException;

/**
 * CycloneDX XML (any 1.x namespace): every {@code component} outside {@code metadata}, read with
 * StAX so each keeps its line. External entities and DTDs are refused (XXE).
 */
public final class CycloneDxXmlExtractor implements Extractor {
  private static final String NS_PREFIX = "http://cyclonedx.org/schema/bom/";

  @Override
  public String name() {
    return "CycloneDX XML";
  }

  @Override
  public boolean accepts(Path path) {
    Path n = path.getFileName();
    String name = n == null ? "" : n.toString();
    return name.equals("bom.xml") || name.endsWith(".cdx.xml") || name.endsWith(".cyclonedx.xml");
  }

  @Override
  public Manifest extract(Path file, ExtractContext context) {
    String text = ManifestText.read(file, context);
    Components components = new Components(file);
    try {
      read(file, factory().createXMLStreamReader(new StringReader(text)), components);
    } catch (XMLStreamException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
      throw new UnreadableManifestException(
          file, "line " + line + ": not well-formed XML: " + e.getMessage(), e);
    }
    return new Manifest(
        file, name(), Optional.empty(), components.dependencies, List.of(), components.problems);
  }

  private static XMLInputFactory factory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    return f;
  }

  /** One open {@code component} element: where it starts, its name, version and purl. */
  private static final class Open {
    final int line;
    final int column;
    final int depth;
    String name = "?";
    String version = "";
    Optional<String> purl = Optional.empty();

    Open(int line, int column, int depth) {
      this.line = line;
      this.column = column;
      this.depth = depth;
    }
  }

  private static void read(Path file, XMLStreamReader r, Components components)
      throws XMLStreamException {
    Deque<Open> open = new ArrayDeque<>();
    int metadataDepth = 0;
    boolean root = true;
    int depth = 0;
    while (r.hasNext()) {
      int event = r.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        depth++;
        String local = r.getLocalName();
        if (root) {
          root = false;
          String ns = r.getNamespaceURI();
          if (!local.equals("bom") || ns == null || !ns.startsWith(NS_PREFIX)) {
            throw new UnreadableManifestException(
                file, "not a CycloneDX XML document (root is not a CycloneDX <bom>)");
          }
        } else if (local.equals("metadata")) {
          metadataDepth++;
        } else if (local.equals("component") && metadataDepth == 0) {
          open.push(
              new Open(r.getLocation().getLineNumber(), r.getLocation().getColumnNumber(), depth));
        } else if (!open.isEmpty() && open.peek().depth == depth - 1 && isField(local)) {
          String value = r.getElementText().strip();
          depth--; // getElementText consumed the end tag
          Open c = open.peek();
          switch (local) {
            case "name" -> c.name = value;
            case "version" -> c.version = value;
            default -> c.purl = Optional.of(value);
          }
        }
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
        String local = r.getLocalName();
        if (local.equals("metadata")) {
          metadataDepth--;
        } else if (local.equals("component") && metadataDepth == 0 && !open.isEmpty()) {
          Open c = open.pop();
          components.add(
              c.purl, c.name + (c.version.isEmpty() ? "" : " " + c.version), c.line, c.column);
        }
      }
    }
  }

  private static boolean isField(String local) {
    return local.equals("name") || local.equals("version") || local.equals("purl");
  }
}
