package org.cpansec.server.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.cpansec.server.ServerProperties;
import org.springframework.stereotype.Component;

/**
 * The Markdown documents of {@code /docs/{page}}: bundled under {@code classpath:docs/}, each
 * replaceable by a file of the same name in {@code cpansec.docs.directory}. Raw HTML in the
 * Markdown is escaped and unsafe link schemes dropped, so even an operator's file cannot inject
 * script.
 */
@Component
public class DocumentPages {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Parser PARSER = Parser.builder().build();
  private static final HtmlRenderer HTML =
      HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

  private final Path directory;

  /** A rendered document: its first heading as title, and its HTML. */
  public record Page(String name, String title, String html) {}

  public DocumentPages(ServerProperties properties) {
    this.directory = properties.docs().directory();
  }

  /** The page, or empty when no document has this name (or the name is not a plain slug). */
  public Optional<Page> page(String name) {
    if (!NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    return markdown(name).map(md -> render(name, md));
  }

  private Optional<String> markdown(String name) {
    try {
      if (directory != null) {
        Path file = directory.resolve(name + ".md");
        if (Files.isRegularFile(file)) {
          return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        }
      }
      try (InputStream in = DocumentPages.class.getResourceAsStream("/docs/" + name + ".md")) {
        return in == null
            ? Optional.empty()
            : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read document " + name, e);
    }
  }

  private static Page render(String name, String markdown) {
    Node doc = PARSER.parse(markdown);
    String title = name;
    Node first = doc.getFirstChild();
    if (first instanceof Heading h && h.getFirstChild() instanceof Text t) {
      title = t.getLiteral();
      first.unlink();
    }
    return new Page(name, title, HTML.render(doc));
  }
}
