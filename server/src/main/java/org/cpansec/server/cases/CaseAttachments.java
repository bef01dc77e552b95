package org.cpansec.server.cases;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.cpansec.server.audit.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Files of a case, on disk under {@code cpansec.cases.attachment-dir} (outside the web root), each
 * under a random name — never the uploader's — with its size and SHA-256 recorded. Only ever handed
 * out for download, to members who see the case; every upload and download is audited.
 */
@Service
public class CaseAttachments {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern STORAGE_NAME = Pattern.compile("[0-9a-f]{32}");

  private final JdbcClient jdbc;
  private final CaseAccess access;
  private final CaseStore store;
  private final AuditLog audit;
  private final Clock clock;
  private final Path dir;
  private final long maxBytes;

  CaseAttachments(
      JdbcClient jdbc,
      CaseAccess access,
      CaseStore store,
      AuditLog audit,
      Clock clock,
      CasesProperties config) {
    this.jdbc = jdbc;
    this.access = access;
    this.store = store;
    this.audit = audit;
    this.clock = clock;
    this.dir = config.attachmentDir().toAbsolutePath().normalize();
    this.maxBytes = config.maxAttachmentSize().toBytes();
  }

  private static void createPrivateDirectory(Path dir) {
    try {
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createDirectories(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectories(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the attachment directory " + dir, e);
    }
  }

  /**
   * An attachment as the case page lists it; {@code uploadedBy} names the member who added it, or
   * the sender's address with "(by mail)" for a file that came with a mail on the case.
   */
  public record Info(
      long id,
      String fileName,
      long sizeBytes,
      String sha256,
      String uploadedBy,
      OffsetDateTime createdAt) {}

  /** A file to hand out: what to call it, and where its bytes are. */
  public record Download(Info info, Path path) {}

  /** The largest file accepted, in bytes. */
  public long maxBytes() {
    return maxBytes;
  }

  /** Stores a file for the case; members who see the case may add files. */
  @Transactional
  public Info upload(String reference, String fileName, InputStream content, Viewer viewer) {
    CaseRecord c = access.forMember(reference, viewer);
    long memberId = CaseAccess.member(viewer).id();
    Info info = store(c.id(), fileName, content, memberId, null);
    store.touch(c.id(), now());
    audit.append(
        viewer.actor(),
        "case.attachment.upload",
        c.id(),
        "attachment " + info.id() + ", " + info.sizeBytes() + " bytes, sha256 " + info.sha256());
    return info;
  }

  /** The file, for a member who sees the case; audited. */
  @Transactional
  public Download download(String reference, long attachmentId, Viewer viewer) {
    CaseRecord c = access.forMember(reference, viewer);
    Row row =
        jdbc.sql(
                "SELECT a.id, a.file_name, a.size_bytes, a.sha256, m.display_name, a.created_at,"
                    + " a.received_by_mail_from, a.storage_name FROM case_attachment a"
                    + " LEFT JOIN member_account m"
                    + " ON m.id = a.uploaded_by WHERE a.id = ? AND a.case_id = ?")
            .params(attachmentId, c.id())
            .query((rs, n) -> new Row(info(rs), rs.getString(8)))
            .optional()
            .orElseThrow(CaseNotFoundException::new);
    Path path = file(row.storageName());
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException("attachment " + attachmentId + " is missing on disk");
    }
    audit.append(viewer.actor(), "case.attachment.download", c.id(), "attachment " + attachmentId);
    return new Download(row.info(), path);
  }

  private record Row(Info info, String storageName) {}

  List<Info> list(long caseId) {
    return jdbc.sql(
            "SELECT a.id, a.file_name, a.size_bytes, a.sha256, m.display_name, a.created_at,"
                + " a.received_by_mail_from FROM case_attachment a"
                + " LEFT JOIN member_account m ON m.id = a.uploaded_by"
                + " WHERE a.case_id = ? ORDER BY a.id")
        .param(caseId)
        .query((rs, n) -> info(rs))
        .list();
  }

  private static Info info(java.sql.ResultSet rs) throws java.sql.SQLException {
    String by = rs.getString(5);
    String mailFrom = rs.getString(7);
    String who = by != null ? by : mailFrom != null ? mailFrom : "the reporter";
    return new Info(
        rs.getLong(1),
        rs.getString(2),
        rs.getLong(3),
        rs.getString(4),
        mailFrom == null ? who : who + " (by mail)",
        rs.getObject(6, OffsetDateTime.class));
  }

  /** Copies the files of the report into the new case (same transaction). */
  void copyFromReport(long caseId, List<ReportReader.File> files) {
    for (ReportReader.File f : files) {
      store(caseId, f.fileName(), new ByteArrayInputStream(f.content()), null, null);
    }
  }

  /**
   * Stores a file that came with a mail on the case (same transaction), from a member ({@code
   * memberId}) or an external party (null); {@code from} is the sender's address. The caller has
   * checked the size against {@link #maxBytes()}.
   */
  Info storeFromMail(long caseId, String fileName, byte[] content, Long memberId, String from) {
    return store(caseId, fileName, new ByteArrayInputStream(content), memberId, from);
  }

  /**
   * Writes the bytes to a temporary file, checking the size and computing the SHA-256 as they come,
   * then moves it to its random name and records it. If the transaction rolls back, the file goes.
   */
  private Info store(
      long caseId, String fileName, InputStream content, Long memberId, String mailFrom) {
    String name = safeName(fileName);
    // Created with the first file, not at start: a server that never stores one leaves no trace.
    createPrivateDirectory(dir);
    String storage = randomName();
    Path part = dir.resolve(storage + ".part");
    Path target = file(storage);
    MessageDigest sha = sha256();
    long size = 0;
    try {
      try (InputStream in = content;
          OutputStream out = Files.newOutputStream(part)) {
        byte[] buf = new byte[65536];
        int n;
        while ((n = in.read(buf)) > 0) {
          size += n;
          if (size > maxBytes) {
            throw CaseRefusedException.invalid(
                "The file "
                    + name
                    + " is larger than the limit of "
                    + sizeText(maxBytes)
                    + ". Compress it or split it.");
          }
          sha.update(buf, 0, n);
          out.write(buf, 0, n);
        }
      }
      if (size == 0) {
        throw CaseRefusedException.invalid("The file " + name + " is empty.");
      }
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      deleteQuietly(part);
      throw new UncheckedIOException("cannot store an attachment", e);
    } catch (RuntimeException e) {
      deleteQuietly(part);
      throw e;
    }
    deleteOnRollback(target);
    String digest = HexFormat.of().formatHex(sha.digest());
    OffsetDateTime at = now();
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO case_attachment (case_id, storage_name, file_name, size_bytes, sha256,"
                + " uploaded_by, received_by_mail_from, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(caseId, storage, name, size, digest, memberId, mailFrom, at)
        .update(keys, "id");
    return new Info(CaseStore.generatedId(keys), name, size, digest, null, at);
  }

  private Path file(String storageName) {
    if (!STORAGE_NAME.matcher(storageName).matches()) {
      throw new IllegalStateException("not a storage name: " + storageName);
    }
    return dir.resolve(storageName);
  }

  private static void deleteOnRollback(Path file) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
              if (status != STATUS_COMMITTED) {
                deleteQuietly(file);
              }
            }
          });
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Left behind: a random name nothing in the database points to.
    }
  }

  private static String randomName() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** The last path segment, without control characters, at most 255 characters. */
  static String safeName(String name) {
    String base =
        name == null
            ? ""
            : name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    String clean =
        base.codePoints()
            .filter(c -> !Character.isISOControl(c))
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString()
            .strip();
    if (clean.isEmpty() || clean.equals(".") || clean.equals("..")) {
      clean = "unnamed";
    }
    return clean.length() > 255 ? clean.substring(0, 255) : clean;
  }

  /** 1.5 MB, 12 KB, 800 bytes. */
  public static String sizeText(long bytes) {
    if (bytes >= 1024 * 1024) {
      return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
    if (bytes >= 1024) {
      return String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }
    return bytes + " bytes";
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
