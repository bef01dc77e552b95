package org.cpansec.manifest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a manifest's text under the size cap, refusing binary and non-UTF-8 input. */
public final class ManifestText {
  private ManifestText() {}

  public static String read(Path file, ExtractContext context) {
    byte[] bytes = readBytes(file, context);
    for (byte b : bytes) {
      if (b == 0) {
        throw new UnreadableManifestException(file, "binary file (contains NUL bytes)");
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      // Latin-1 manifests exist (old META.yml); every byte sequence is valid Latin-1.
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
  }

  public static byte[] readBytes(Path file, ExtractContext context) {
    try {
      long size = Files.size(file);
      if (size > context.maxBytes()) {
        throw new UnreadableManifestException(
            file,
            "file is "
                + size
                + " bytes, larger than the limit of "
                + context.maxBytes()
                + " bytes");
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UnreadableManifestException(file, "cannot read: " + e, e);
    }
  }
}
