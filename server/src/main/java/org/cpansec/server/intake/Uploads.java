package org.cpansec.server.intake;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cpansec.server.ServerProperties;
import org.springframework.web.multipart.MultipartFile;

/**
 * Reads the files of a report form within the configured limits. A file input left empty sends an
 * empty part without a name; that is no attachment. Any broken limit gives one message naming the
 * file and the limit, and no attachment is kept (the form comes back with its fields).
 */
final class Uploads {
  /** The files, or the message to show instead. */
  record Result(List<Attachment> attachments, String error) {}

  private Uploads() {}

  static Result read(List<MultipartFile> parts, ServerProperties.Attachments limits) {
    List<MultipartFile> chosen =
        parts == null
            ? List.of()
            : parts.stream().filter(p -> !(p.isEmpty() && blank(p.getOriginalFilename()))).toList();
    String again = " Your other answers are kept; choose the files again.";
    if (chosen.size() > limits.maxCount()) {
      return error("Attach at most " + limits.maxCount() + " files." + again);
    }
    long total = 0;
    for (MultipartFile p : chosen) {
      String name = Attachment.safeName(p.getOriginalFilename());
      if (p.getSize() > limits.maxFileSize().toBytes()) {
        return error(
            "“"
                + name
                + "” is "
                + size(p.getSize())
                + "; each file may be at most "
                + size(limits.maxFileSize().toBytes())
                + "."
                + again);
      }
      total += p.getSize();
    }
    if (total > limits.maxTotalSize().toBytes()) {
      return error(
          "The files add up to "
              + size(total)
              + "; together they may be at most "
              + size(limits.maxTotalSize().toBytes())
              + "."
              + again);
    }
    List<Attachment> out = new ArrayList<>();
    for (MultipartFile p : chosen) {
      try {
        out.add(Attachment.of(p.getOriginalFilename(), p.getBytes()));
      } catch (IOException e) {
        return error(
            "“"
                + Attachment.safeName(p.getOriginalFilename())
                + "” could not be read ("
                + e.getMessage()
                + ")."
                + again);
      }
    }
    return new Result(List.copyOf(out), null);
  }

  /** Sizes as people read them: bytes, KiB or MiB with one decimal. */
  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
  }

  private static Result error(String message) {
    return new Result(List.of(), message);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
