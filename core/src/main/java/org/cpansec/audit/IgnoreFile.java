package org.cpansec.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code .cpansec-ignore.yml}:
 *
 * <pre>
 * ignore:
 *   - id: CVE-2023-31484
 *     reason: we never fetch over HTTPS with this module
 *     expires: 2027-01-31        # optional
 * </pre>
 *
 * Every entry needs an id and a reason; anything else is an error naming the file and line. Also
 * reads CPAN::Audit's exclude files (one id a line, {@code #} comments) with {@link #readIdList}.
 */
public final class IgnoreFile {

  public static final String DEFAULT_NAME = ".cpansec-ignore.yml";

  private IgnoreFile() {}

  /** An ignore file that cannot be used: the message names the file and line. */
  public static final class InvalidIgnoreFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidIgnoreFileException(String message) {
      super(message);
    }
  }

  public static List<Exclusion> read(Path file) {
    String text = readText(file);
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(new java.io.StringReader(text));
    } catch (YAMLException e) {
      throw new InvalidIgnoreFileException(file + ": not valid YAML: " + e.getMessage());
    }
    if (root == null) {
      return List.of();
    }
    Node list = root;
    if (root instanceof MappingNode map) {
      list = value(map, "ignore").orElseThrow(() -> error(file, root, "expected a key 'ignore'"));
    }
    if (!(list instanceof SequenceNode seq)) {
      throw error(file, list, "expected a list of entries with id and reason");
    }
    List<Exclusion> out = new ArrayList<>();
    for (Node item : seq.getValue()) {
      out.add(entry(file, item));
    }
    return out;
  }

  /** CPAN::Audit's {@code --exclude-file}: one advisory id a line, blank lines and # comments. */
  public static List<Exclusion> readIdList(Path file) {
    List<Exclusion> out = new ArrayList<>();
    List<String> lines = readText(file).lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String id = lines.get(i).replaceFirst("#.*", "").strip();
      if (!id.isEmpty()) {
        out.add(new Exclusion(id, "listed in " + file, Optional.empty(), file + ":" + (i + 1)));
      }
    }
    return out;
  }

  private static Exclusion entry(Path file, Node item) {
    if (!(item instanceof MappingNode map)) {
      throw error(file, item, "expected an entry with 'id' and 'reason'");
    }
    for (NodeTuple t : map.getValue()) {
      String key = scalar(file, t.getKeyNode());
      if (!key.equals("id") && !key.equals("reason") && !key.equals("expires")) {
        throw error(
            file, t.getKeyNode(), "unknown key '" + key + "' (expected id, reason, expires)");
      }
    }
    String id = scalar(file, value(map, "id").orElseThrow(() -> error(file, map, "missing 'id'")));
    Node reasonNode =
        value(map, "reason").orElseThrow(() -> error(file, map, "'" + id + "' needs a 'reason'"));
    String reason = scalar(file, reasonNode);
    if (reason.isBlank()) {
      throw error(file, reasonNode, "'" + id + "' needs a non-empty 'reason'");
    }
    Optional<LocalDate> expires = Optional.empty();
    Optional<Node> exp = value(map, "expires");
    if (exp.isPresent()) {
      try {
        expires = Optional.of(LocalDate.parse(scalar(file, exp.get())));
      } catch (DateTimeParseException e) {
        throw error(file, exp.get(), "'expires' must be a date like 2027-01-31");
      }
    }
    return new Exclusion(id, reason, expires, file + ":" + line(map));
  }

  private static Optional<Node> value(MappingNode map, String key) {
    for (NodeTuple t : map.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
        return Optional.of(t.getValueNode());
      }
    }
    return Optional.empty();
  }

  private static String scalar(Path file, Node node) {
    if (node instanceof ScalarNode s) {
      return s.getValue();
    }
    throw error(file, node, "expected a single value");
  }

  private static int line(Node node) {
    return node.getStartMark().getLine() + 1;
  }

  private static InvalidIgnoreFileException error(Path file, Node node, String what) {
    return new InvalidIgnoreFileException(file + ":" + line(node) + ": " + what);
  }

  private static String readText(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
    }
  }
}
