package org.nfpvnfm.vnfm.internal.pkg;

import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.vnfm.internal.rest.ApiException;

/**
 * One byte range of a file (RFC 9110 §14), as SOL005 lets a client resume a package download: the
 * {@code Range} header's single {@code bytes=first-last}, {@code bytes=first-} or {@code
 * bytes=-suffix}. Several ranges, or another unit, are ignored and the whole file is sent, which
 * RFC 9110 allows; a range wholly outside the file is 416.
 *
 * @param first the first byte's offset
 * @param last the last byte's offset, inclusive
 */
record ByteRange(long first, long last) {

  long length() {
    return last - first + 1;
  }

  /** The {@code Content-Range} value for a file of {@code size} bytes. */
  String contentRange(long size) {
    return "bytes " + first + "-" + last + "/" + size;
  }

  /** The range {@code header} asks of a file of {@code size} bytes; empty: the whole file. */
  static Optional<ByteRange> parse(@Nullable String header, long size) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String h = header.strip();
    if (!h.startsWith("bytes=") || h.contains(",")) {
      return Optional.empty();
    }
    String spec = h.substring("bytes=".length()).strip();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return Optional.empty();
    }
    String a = spec.substring(0, dash).strip();
    String b = spec.substring(dash + 1).strip();
    long first;
    long last;
    try {
      if (a.isEmpty()) {
        long suffix = Long.parseLong(b);
        if (suffix <= 0) {
          throw unsatisfiable(header, size);
        }
        first = Math.max(0, size - suffix);
        last = size - 1;
      } else {
        first = Long.parseLong(a);
        last = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
      }
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (first < 0 || first >= size || last < first) {
      throw unsatisfiable(header, size);
    }
    return Optional.of(new ByteRange(first, last));
  }

  private static ApiException unsatisfiable(String header, long size) {
    return new ApiException(
        416, "the range '" + header + "' is not within the file's " + size + " bytes");
  }
}
