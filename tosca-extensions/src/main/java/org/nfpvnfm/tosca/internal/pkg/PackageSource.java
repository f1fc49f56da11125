package org.nfpvnfm.tosca.internal.pkg;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.SortedSet;

/**
 * Read-only view of a package's files, keyed by normalised '/'-separated paths relative to the
 * package root. Every method accepts any string: a path that is malformed or would leave the root
 * simply does not exist.
 */
public interface PackageSource {

  /** What the operator calls the package, e.g. "vnf.zip" or the folder name; for diagnostics. */
  String displayName();

  /** The file's bytes; empty when absent, not a regular file, or outside the root. */
  Optional<byte[]> read(String path);

  /** Whether a file or folder exists at {@code path}. */
  boolean exists(String path);

  /** Every regular file, as normalised relative paths. */
  SortedSet<String> files();

  /**
   * A stream over the file's bytes, for hashing large files without holding them in memory. The
   * default reads the whole file; folder sources stream from disk.
   */
  default Optional<InputStream> openStream(String path) throws IOException {
    return read(path).map(ByteArrayInputStream::new);
  }
}
