package org.nfpvnfm.dpdk.internal.ffm;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.jspecify.annotations.Nullable;

/**
 * Finds and opens {@code libnfp_dpdk_shim.so}, once per process.
 *
 * <p>Where it comes from, in order: the system property {@value #OVERRIDE_PROPERTY} (a path, for a
 * shim built elsewhere); else the copy the build puts on the class path next to this class, used in
 * place when the class path is a directory and extracted to a temporary file when it is a jar
 * ({@code dlopen} needs a file). The DPDK libraries it links are found by the dynamic loader.
 */
public final class ShimLibrary {
  /** System property naming the shim file to load instead of the bundled one. */
  public static final String OVERRIDE_PROPERTY = "nfp.dpdk.shim";

  static final String RESOURCE = "native/libnfp_dpdk_shim.so";

  private static @Nullable SymbolLookup lookup;
  private static @Nullable Path loadedFrom;

  private ShimLibrary() {}

  /** Opens the shim if it is not open yet; returns the file it was loaded from. */
  public static synchronized Path load() throws ShimLoadException {
    if (loadedFrom != null) {
      return loadedFrom;
    }
    Path path = locate();
    try {
      // Arena.global(): the library stays mapped for the life of the process, like the EAL.
      lookup = SymbolLookup.libraryLookup(path, Arena.global());
    } catch (IllegalArgumentException e) {
      throw new ShimLoadException(
          "cannot load the DPDK shim "
              + path
              + " or the DPDK libraries it links ("
              + e.getMessage()
              + "); DPDK 22.11 must be installed: apt-get install dpdk libdpdk-dev",
          e);
    }
    loadedFrom = path;
    return path;
  }

  static synchronized SymbolLookup lookup() {
    SymbolLookup open = lookup;
    if (open == null) {
      throw new IllegalStateException("the DPDK shim is not loaded (expected: Eal.start first)");
    }
    return open;
  }

  private static Path locate() throws ShimLoadException {
    String override = System.getProperty(OVERRIDE_PROPERTY);
    if (override != null && !override.isBlank()) {
      Path path = Path.of(override);
      if (!Files.isRegularFile(path)) {
        throw new ShimLoadException(
            "-D" + OVERRIDE_PROPERTY + "=" + override + " names no file (expected: the shim .so)");
      }
      return path;
    }
    URL url = ShimLibrary.class.getResource(RESOURCE);
    if (url == null) {
      throw new ShimLoadException(
          "the DPDK shim "
              + RESOURCE
              + " is not on the class path next to "
              + ShimLibrary.class.getName()
              + "; build dpdk-node with Maven (it compiles src/main/c) or set -D"
              + OVERRIDE_PROPERTY);
    }
    if ("file".equals(url.getProtocol())) {
      try {
        return Path.of(url.toURI());
      } catch (URISyntaxException e) {
        throw new ShimLoadException("unreadable shim location " + url, e);
      }
    }
    try (InputStream in = url.openStream()) {
      Path file = Files.createTempFile("libnfp_dpdk_shim", ".so");
      file.toFile().deleteOnExit();
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new ShimLoadException("cannot extract the DPDK shim from " + url, e);
    }
  }
}
