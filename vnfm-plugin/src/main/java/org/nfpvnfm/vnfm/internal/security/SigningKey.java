package org.nfpvnfm.vnfm.internal.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.Set;

/**
 * The built-in issuer's signing key: an EC P-256 key (ES256), generated on the first start and kept
 * as a private JWK in the data folder, readable by its owner only, so that tokens stay valid across
 * restarts. Nothing here puts the key's content in a message or a log line.
 */
final class SigningKey {
  private static final System.Logger LOG = System.getLogger(SigningKey.class.getName());

  /** The key's file in the data folder. */
  static final String FILE = "oauth2-signing-key.json";

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private SigningKey() {}

  /** The key in {@code dataDir}, made and stored first if there is none. */
  static ECKey loadOrCreate(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    try {
      return Files.exists(file) ? load(file) : create(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the token signing key in " + file, e);
    }
  }

  private static ECKey load(Path file) throws IOException {
    restrict(file);
    JWK jwk;
    try {
      jwk = JWK.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (ParseException e) {
      // Neither the parser's message nor the exception: either may quote the private key.
      throw new IllegalStateException(unusable(file, "is not a JSON Web Key"));
    }
    if (!(jwk instanceof ECKey ec) || !ec.isPrivate() || !Curve.P_256.equals(ec.getCurve())) {
      throw new IllegalStateException(unusable(file, "is not a private EC P-256 key"));
    }
    return ec;
  }

  private static String unusable(Path file, String why) {
    return "the token signing key "
        + file
        + " "
        + why
        + "; remove the file and a new key is made at the next start (tokens signed with the old"
        + " key are then refused)";
  }

  private static ECKey create(Path file) throws IOException {
    ECKey key;
    try {
      key =
          new ECKeyGenerator(Curve.P_256)
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.ES256)
              .keyIDFromThumbprint(true)
              .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(
          "cannot generate the token signing key: " + e.getMessage(), e);
    }
    Path dir = file.toAbsolutePath().getParent();
    // Made owner-only before the key is written, then renamed into place: no moment where the
    // key is readable by others, and no half-written key file after a crash.
    Path tmp =
        posix()
            ? Files.createTempFile(
                dir, FILE, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
            : Files.createTempFile(dir, FILE, ".tmp");
    try {
      Files.writeString(tmp, key.toJSONString(), StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    LOG.log(
        System.Logger.Level.INFO,
        "made a new token signing key (key id " + key.getKeyID() + ") in " + file);
    return key;
  }

  private static void restrict(Path file) throws IOException {
    if (!posix()) {
      return;
    }
    Set<PosixFilePermission> now = Files.getPosixFilePermissions(file);
    if (!OWNER_ONLY.containsAll(now)) {
      LOG.log(
          System.Logger.Level.WARNING,
          "the token signing key "
              + file
              + " was readable by others ("
              + PosixFilePermissions.toString(now)
              + "); made it owner-only");
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    }
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }
}
