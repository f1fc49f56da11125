package org.nfpvnfm.vnfm.internal.pkg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.events.EventData;
import org.nfpvnfm.events.EventType;
import org.nfpvnfm.vnfm.ProblemDetails;
import org.nfpvnfm.vnfm.internal.events.EventSink;
import org.nfpvnfm.vnfm.internal.pkg.PackageStore.PackageRow;
import org.nfpvnfm.vnfm.internal.rest.ApiException;
import org.nfpvnfm.vnfm.internal.rest.AttributeFilter;
import org.nfpvnfm.vnfm.internal.rest.Json;
import org.nfpvnfm.vnfm.internal.store.Database;
import org.nfpvnfm.vnfm.internal.store.StoreException;

/**
 * VNF package management as Tacker serves it to an operator ({@code /vnfpkgm/v1/vnf_packages}):
 * creating a package resource, receiving its content, onboarding it in the background (validated by
 * {@link PackageValidator}), changing its operational state and user data, deleting it, and reading
 * what an onboarded package holds. State rules (SOL005 §9.4, Tacker):
 *
 * <ul>
 *   <li>content is accepted once, while CREATED (then UPLOADING → PROCESSING → ONBOARDED or ERROR);
 *       a second upload is 409;
 *   <li>PATCH needs ONBOARDED, and a change of operational state needs the other state (409);
 *   <li>DELETE needs DISABLED and NOT_IN_USE, and no onboarding in progress (409);
 *   <li>reading the VNFD, the content, the manifest or an artifact needs ONBOARDED (409).
 * </ul>
 *
 * {@code usageState} is not stored: a package is IN_USE while some VNF instance (the lifecycle's
 * {@code vnf_instances}) was created from its VNFD.
 */
final class VnfPackageService {
  private static final System.Logger LOG = System.getLogger(VnfPackageService.class.getName());

  static final String ROOT = "vnfpkgm/v1/vnf_packages";

  /** The complex attributes SOL005 leaves out of a list unless asked for (SOL013 §5.3). */
  static final List<String> EXCLUDED_BY_DEFAULT =
      List.of("softwareImages", "additionalArtifacts", "userDefinedData", "checksum");

  private final Database db;
  private final PackageStore store = new PackageStore();
  private final PackageFiles files;
  private final PackageValidator validator;
  private final ExecutorService onboarding;
  private final String publicUri;
  private final EventSink events;
  private volatile PackageLimits limits = PackageLimits.DEFAULT;

  VnfPackageService(
      Database db,
      PackageFiles files,
      PackageValidator validator,
      ExecutorService onboarding,
      String publicUri,
      EventSink events) {
    this.db = db;
    this.events = events;
    this.files = files;
    this.validator = validator;
    this.onboarding = onboarding;
    this.publicUri = publicUri;
  }

  PackageLimits limits() {
    return limits;
  }

  void limits(PackageLimits limits) {
    this.limits = limits;
  }

  // ---- the resource's life ----

  /** {@code POST}: a new package resource, CREATED and DISABLED. */
  ObjectNode create(JsonNode body, URI base) {
    if (!body.isObject()) {
      throw ApiException.badRequest("the body must be a CreateVnfPkgInfoRequest object");
    }
    ObjectNode doc = Json.MAPPER.createObjectNode();
    String id = UUID.randomUUID().toString();
    doc.put("id", id);
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!name.equals("userDefinedData")) {
        throw ApiException.badRequest(
            "the body has an unknown attribute "
                + name
                + " (a CreateVnfPkgInfoRequest has only"
                + " userDefinedData)");
      }
    }
    JsonNode user = body.get("userDefinedData");
    if (user != null && !user.isNull()) {
      if (!user.isObject()) {
        throw ApiException.badRequest("userDefinedData must be an object of key-value pairs");
      }
      doc.set("userDefinedData", user.deepCopy());
    }
    PackageRow row =
        new PackageRow(id, OnboardingState.CREATED, OperationalState.DISABLED, null, doc, null);
    db.inTransaction(
        c -> {
          store.insert(c, row);
        });
    LOG.log(System.Logger.Level.INFO, "VNF package " + id + " created");
    return render(row, false, base);
  }

  ObjectNode get(String id, URI base) {
    return db.inTransaction(
        c -> {
          PackageRow row = require(c, id, false);
          return render(row, row.vnfdId() != null && store.inUse(c, row.vnfdId()), base);
        });
  }

  /**
   * {@code GET} of the collection: the packages {@code filter} selects, with the complex attributes
   * the selector keeps.
   */
  ArrayNode list(AttributeFilter filter, Set<String> excluded, URI base) {
    List<ObjectNode> all =
        db.inTransaction(
            c -> {
              Set<String> used = store.vnfdIdsInUse(c);
              return store.all(c).stream()
                  .map(r -> render(r, r.vnfdId() != null && used.contains(r.vnfdId()), base))
                  .toList();
            });
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (ObjectNode o : all) {
      if (filter.test(o)) {
        excluded.forEach(o::remove);
        out.add(o);
      }
    }
    return out;
  }

  /** {@code PATCH}: the VnfPkgInfoModifications applied, as the answer echoes them. */
  ObjectNode patch(String id, JsonNode body) {
    if (!body.isObject() || body.isEmpty()) {
      throw ApiException.badRequest(
          "the body must be a VnfPkgInfoModifications object with operationalState,"
              + " userDefinedData or both");
    }
    OperationalState wanted = null;
    JsonNode user = null;
    for (Map.Entry<String, JsonNode> e : body.properties()) {
      switch (e.getKey()) {
        case "operationalState" -> {
          String v = e.getValue().asText("");
          try {
            wanted = OperationalState.valueOf(v);
          } catch (IllegalArgumentException x) {
            throw ApiException.badRequest(
                "operationalState '" + v + "' is not valid (expected ENABLED or DISABLED)");
          }
        }
        case "userDefinedData" -> {
          if (!e.getValue().isObject()) {
            throw ApiException.badRequest("userDefinedData must be an object of key-value pairs");
          }
          user = e.getValue();
        }
        default ->
            throw ApiException.badRequest(
                "the body has an unknown attribute "
                    + e.getKey()
                    + " (a VnfPkgInfoModifications has operationalState and userDefinedData)");
      }
    }
    OperationalState state = wanted;
    JsonNode userData = user;
    db.inTransaction(
        c -> {
          PackageRow row = require(c, id, true);
          if (row.onboarding() != OnboardingState.ONBOARDED) {
            throw ApiException.conflict(
                "VNF package "
                    + id
                    + " is "
                    + row.onboarding()
                    + "; only an ONBOARDED package can be modified");
          }
          if (state != null && state == row.operational()) {
            throw ApiException.conflict("VNF package " + id + " is already " + state);
          }
          ObjectNode doc = row.doc().deepCopy();
          if (userData != null) {
            ObjectNode merged =
                doc.get("userDefinedData") instanceof ObjectNode o
                    ? o
                    : Json.MAPPER.createObjectNode();
            for (Map.Entry<String, JsonNode> e : userData.properties()) {
              if (e.getValue().isNull()) {
                merged.remove(e.getKey());
              } else {
                merged.set(e.getKey(), e.getValue().deepCopy());
              }
            }
            doc.set("userDefinedData", merged);
          }
          store.update(
              c,
              new PackageRow(
                  row.id(),
                  row.onboarding(),
                  state == null ? row.operational() : state,
                  row.vnfdId(),
                  doc,
                  row.layout()));
          if (state != null) {
            events.emit(
                c,
                state == OperationalState.ENABLED
                    ? EventType.PACKAGE_ENABLED
                    : EventType.PACKAGE_DISABLED,
                id,
                new EventData.PackageStateChanged(id, row.vnfdId(), state.name()));
          }
        });
    if (state != null) {
      LOG.log(System.Logger.Level.INFO, "VNF package " + id + " is now " + state);
    }
    ObjectNode mods = Json.MAPPER.createObjectNode();
    if (state != null) {
      mods.put("operationalState", state.name());
    }
    if (userData != null) {
      mods.set("userDefinedData", userData.deepCopy());
    }
    return mods;
  }

  /** {@code DELETE}: the resource and its files. */
  void delete(String id) {
    db.inTransaction(
        c -> {
          PackageRow row = require(c, id, true);
          if (row.onboarding() == OnboardingState.UPLOADING
              || row.onboarding() == OnboardingState.PROCESSING) {
            throw ApiException.conflict(
                "VNF package " + id + " is " + row.onboarding() + "; wait until it is onboarded");
          }
          if (row.operational() == OperationalState.ENABLED) {
            throw ApiException.conflict(
                "VNF package "
                    + id
                    + " is ENABLED; disable it (PATCH operationalState DISABLED)"
                    + " before deleting it");
          }
          if (row.vnfdId() != null && store.inUse(c, row.vnfdId())) {
            throw ApiException.conflict(
                "VNF package "
                    + id
                    + " is IN_USE: VNF instances were created from its VNFD "
                    + row.vnfdId()
                    + "; delete them first");
          }
          store.delete(c, id);
          events.emit(
              c, EventType.PACKAGE_DELETED, id, new EventData.PackageDeleted(id, row.vnfdId()));
        });
    try {
      PackageFiles.deleteTree(files.folder(id));
    } catch (IOException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "VNF package " + id + " is deleted but its folder is left: " + e.getMessage());
    }
    LOG.log(System.Logger.Level.INFO, "VNF package " + id + " deleted");
  }

  // ---- content and onboarding ----

  /**
   * {@code PUT package_content}: stores the body as the package's zip and starts onboarding.
   *
   * @param declaredLength the request's {@code Content-Length}, or -1
   */
  void upload(String id, InputStream body, long declaredLength) {
    long max = limits.maxPackageBytes();
    db.inTransaction(
        c -> {
          PackageRow row = require(c, id, true);
          if (row.onboarding() != OnboardingState.CREATED) {
            throw ApiException.conflict(
                "VNF package "
                    + id
                    + " is "
                    + row.onboarding()
                    + "; content is accepted only while it is CREATED (create a new package to"
                    + " upload again)");
          }
          if (declaredLength > max) {
            throw tooLarge(declaredLength, max);
          }
          store.update(c, transition(row, OnboardingState.UPLOADING));
        });
    try {
      Path temp = PackageFiles.receive(body, files.folder(id), max);
      PackageFiles.moveInto(temp, files.content(id));
    } catch (PackageFiles.TooLargeException e) {
      backToCreated(id);
      throw tooLarge(-1, max);
    } catch (IOException e) {
      backToCreated(id);
      throw ApiException.badRequest(
          "the package content could not be received completely: " + e.getMessage());
    }
    boolean processing =
        db.inTransaction(
            c -> {
              Optional<PackageRow> row = store.find(c, id, true);
              if (row.isEmpty() || row.get().onboarding() != OnboardingState.UPLOADING) {
                return false;
              }
              store.update(c, transition(row.get(), OnboardingState.PROCESSING));
              return true;
            });
    if (processing) {
      submit(id);
    }
  }

  private static ApiException tooLarge(long size, long max) {
    return new ApiException(
        413,
        "the package "
            + (size >= 0 ? "(" + size + " bytes) " : "")
            + "is larger than this VNFM accepts ("
            + max
            + " bytes)");
  }

  private void backToCreated(String id) {
    db.inTransaction(
        c -> {
          Optional<PackageRow> row = store.find(c, id, true);
          if (row.isPresent() && row.get().onboarding() == OnboardingState.UPLOADING) {
            store.update(c, transition(row.get(), OnboardingState.CREATED));
          }
        });
  }

  private static PackageRow transition(PackageRow row, OnboardingState to) {
    return new PackageRow(row.id(), to, row.operational(), row.vnfdId(), row.doc(), row.layout());
  }

  private void submit(String id) {
    try {
      onboarding.execute(() -> onboard(id));
    } catch (RejectedExecutionException e) {
      // The VNFM is stopping: the package stays PROCESSING and is onboarded at the next start.
      LOG.log(System.Logger.Level.INFO, "VNF package " + id + " will be onboarded at next start");
    }
  }

  /**
   * At start: onboarding that a stop interrupted is done again when the content is complete, and an
   * upload cut off by the stop is an ERROR (its content never fully arrived).
   */
  void recover() {
    try {
      files.removeLeftovers();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot remove partial uploads: " + e.getMessage());
    }
    List<String> redo =
        db.inTransaction(
            c -> {
              for (PackageRow row : store.inState(c, OnboardingState.UPLOADING)) {
                if (Files.exists(files.content(row.id()))) {
                  store.update(c, transition(row, OnboardingState.PROCESSING));
                } else {
                  store.update(
                      c,
                      failed(
                          row,
                          422,
                          "the upload of this package was interrupted when the VNFM stopped;"
                              + " delete the package and create it again"));
                }
              }
              return store.inState(c, OnboardingState.PROCESSING).stream()
                  .map(PackageRow::id)
                  .toList();
            });
    for (String id : redo) {
      LOG.log(System.Logger.Level.INFO, "VNF package " + id + ": onboarding again after a stop");
      submit(id);
    }
  }

  /** Validates the stored content of {@code id} and records the outcome. Runs on one thread. */
  void onboard(String id) {
    Path zip = files.content(id);
    try {
      PackageValidator.Validation v =
          Files.exists(zip)
              ? validator.validate(zip)
              : new PackageValidator.Invalid("the package's content is missing", List.of());
      String checksum = v instanceof PackageValidator.Valid ? sha256(zip) : "";
      db.inTransaction(
          c -> {
            record(c, id, v, checksum);
          });
    } catch (StoreException e) {
      // Left PROCESSING: the next start onboards it again.
      LOG.log(System.Logger.Level.ERROR, "VNF package " + id + ": cannot record onboarding", e);
    } catch (IOException | RuntimeException e) {
      String problem = UUID.randomUUID().toString();
      LOG.log(
          System.Logger.Level.ERROR,
          "problem " + problem + ": onboarding VNF package " + id + " failed",
          e);
      try {
        db.inTransaction(
            c -> {
              Optional<PackageRow> row = store.find(c, id, true);
              if (row.isPresent() && row.get().onboarding() == OnboardingState.PROCESSING) {
                fail(
                    c,
                    row.get(),
                    500,
                    "the VNFM could not process the package; it logged the cause as problem "
                        + problem);
              }
            });
      } catch (StoreException x) {
        LOG.log(
            System.Logger.Level.ERROR,
            "VNF package " + id + ": cannot record the failure; onboarding is redone at start",
            x);
      }
    }
  }

  private void record(Connection c, String id, PackageValidator.Validation v, String checksum)
      throws SQLException {
    Optional<PackageRow> found = store.find(c, id, true);
    if (found.isEmpty() || found.get().onboarding() != OnboardingState.PROCESSING) {
      return;
    }
    PackageRow row = found.get();
    switch (v) {
      case PackageValidator.Invalid bad -> {
        fail(c, row, 422, bad.detail());
        LOG.log(
            System.Logger.Level.INFO,
            "VNF package " + id + " failed onboarding: " + bad.errors().size() + " errors");
      }
      case PackageValidator.Valid ok -> {
        VnfdIdentity vnfd = ok.identity();
        Optional<PackageRow> other = store.onboarded(c, vnfd.vnfdId());
        if (other.isPresent() && !other.get().id().equals(id)) {
          fail(
              c,
              row,
              409,
              "the VNFD "
                  + vnfd.vnfdId()
                  + " is already onboarded as VNF package "
                  + other.get().id()
                  + "; a VNFD can be onboarded once (delete that package, or give this VNFD"
                  + " another descriptor_id)");
          return;
        }
        ObjectNode doc = row.doc().deepCopy();
        doc.put("vnfdId", vnfd.vnfdId());
        doc.put("vnfProvider", vnfd.vnfProvider());
        doc.put("vnfProductName", vnfd.vnfProductName());
        doc.put("vnfSoftwareVersion", vnfd.vnfSoftwareVersion());
        doc.put("vnfdVersion", vnfd.vnfdVersion());
        ObjectNode sum = doc.putObject("checksum");
        sum.put("algorithm", "SHA-256");
        sum.put("hash", checksum);
        doc.putArray("softwareImages");
        ArrayNode artifacts = doc.putArray("additionalArtifacts");
        for (PackageLayout.Artifact a : ok.layout().artifacts()) {
          ObjectNode o = artifacts.addObject();
          o.put("artifactPath", a.path());
          ObjectNode s = o.putObject("checksum");
          s.put("algorithm", "SHA-256");
          s.put("hash", a.sha256());
        }
        doc.remove("onboardingFailureDetails");
        store.update(
            c,
            new PackageRow(
                id,
                OnboardingState.ONBOARDED,
                OperationalState.ENABLED,
                vnfd.vnfdId(),
                doc,
                ok.layout()));
        events.emit(
            c,
            EventType.PACKAGE_ONBOARDED,
            id,
            new EventData.PackageOnboarded(
                id,
                vnfd.vnfdId(),
                vnfd.vnfProvider(),
                vnfd.vnfProductName(),
                vnfd.vnfSoftwareVersion(),
                vnfd.vnfdVersion()));
        LOG.log(
            System.Logger.Level.INFO,
            "VNF package " + id + " onboarded: VNFD " + vnfd.vnfdId() + ", ENABLED");
      }
    }
  }

  /** Records that onboarding {@code row} failed, and its event. */
  private void fail(Connection c, PackageRow row, int status, String detail) throws SQLException {
    store.update(c, failed(row, status, detail));
    events.emit(
        c,
        EventType.PACKAGE_ONBOARDING_FAILED,
        row.id(),
        new EventData.PackageOnboardingFailed(row.id(), detail));
  }

  private static PackageRow failed(PackageRow row, int status, String detail) {
    ObjectNode doc = row.doc().deepCopy();
    String title =
        switch (status) {
          case 409 -> "Conflict";
          case 422 -> "Unprocessable Content";
          default -> "Internal Server Error";
        };
    doc.set(
        "onboardingFailureDetails",
        Json.MAPPER.valueToTree(new ProblemDetails("about:blank", title, status, detail, null)));
    return new PackageRow(
        row.id(), OnboardingState.ERROR, OperationalState.DISABLED, null, doc, null);
  }

  static String sha256(Path file) throws IOException {
    MessageDigest md = PackageLayout.sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[65536];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  // ---- reading an onboarded package ----

  /**
   * An onboarded package's content.
   *
   * @param row its row
   * @param layout where things are in its zip
   * @param zip the zip
   */
  record Onboarded(PackageRow row, PackageLayout layout, Path zip) {}

  /** The package {@code id}, which must be ONBOARDED (409 otherwise). */
  Onboarded onboarded(String id) {
    PackageRow row =
        db.inTransaction(
            c -> {
              return require(c, id, false);
            });
    PackageLayout layout = row.layout();
    if (row.onboarding() != OnboardingState.ONBOARDED || layout == null) {
      throw ApiException.conflict(
          "VNF package "
              + id
              + " is "
              + row.onboarding()
              + "; its content can be read once it is ONBOARDED");
    }
    return new Onboarded(row, layout, files.content(id));
  }

  /** The bytes of one file of an onboarded package's zip. */
  static byte[] readEntry(Path zip, String name) throws IOException {
    try (ZipFile z = new ZipFile(zip.toFile())) {
      ZipEntry e = z.getEntry(name);
      if (e == null) {
        throw new IOException("the stored package has no " + name);
      }
      try (InputStream in = z.getInputStream(e)) {
        return in.readAllBytes();
      }
    }
  }

  /** The size of one file of an onboarded package's zip. */
  static long entrySize(Path zip, String name) throws IOException {
    try (ZipFile z = new ZipFile(zip.toFile())) {
      ZipEntry e = z.getEntry(name);
      if (e == null) {
        throw new IOException("the stored package has no " + name);
      }
      if (e.getSize() >= 0) {
        return e.getSize();
      }
      try (InputStream in = z.getInputStream(e)) {
        return in.transferTo(OutputStream.nullOutputStream());
      }
    }
  }

  /**
   * Copies {@code length} bytes from {@code offset} of one file of a package's zip to {@code out}.
   */
  static void copyEntry(Path zip, String name, long offset, long length, OutputStream out)
      throws IOException {
    try (ZipFile z = new ZipFile(zip.toFile())) {
      ZipEntry e = z.getEntry(name);
      if (e == null) {
        throw new IOException("the stored package has no " + name);
      }
      try (InputStream in = z.getInputStream(e)) {
        in.skipNBytes(offset);
        byte[] buf = new byte[65536];
        long left = length;
        while (left > 0) {
          int n = in.read(buf, 0, (int) Math.min(buf.length, left));
          if (n < 0) {
            break;
          }
          out.write(buf, 0, n);
          left -= n;
        }
      }
    }
  }

  /** Writes a zip of {@code names} from the package's zip, with their paths, to {@code out}. */
  static void writeZip(Path zip, List<String> names, OutputStream out) throws IOException {
    try (ZipFile z = new ZipFile(zip.toFile());
        ZipOutputStream zo = new ZipOutputStream(out)) {
      for (String name : names) {
        ZipEntry e = z.getEntry(name);
        if (e == null) {
          continue;
        }
        zo.putNextEntry(new ZipEntry(name));
        try (InputStream in = z.getInputStream(e)) {
          in.transferTo(zo);
        }
        zo.closeEntry();
      }
    }
  }

  // ---- the catalog's view ----

  /** The onboarded package of {@code vnfdId}, as the lifecycle needs it. */
  Optional<PackageCatalog.OnboardedPackage> byVnfdId(String vnfdId) {
    Optional<PackageRow> found =
        db.inTransaction(
            c -> {
              return store.onboarded(c, vnfdId);
            });
    return found.map(
        r ->
            new PackageCatalog.OnboardedPackage(
                r.id(),
                vnfdId,
                r.doc().path("vnfProvider").asText(""),
                r.doc().path("vnfProductName").asText(""),
                r.doc().path("vnfSoftwareVersion").asText(""),
                r.doc().path("vnfdVersion").asText(""),
                r.operational() == OperationalState.ENABLED,
                files.content(r.id())));
  }

  // ---- rendering ----

  private PackageRow require(Connection c, String id, boolean lock) throws SQLException {
    if (!isUuid(id)) {
      throw notFound(id);
    }
    return store.find(c, id, lock).orElseThrow(() -> notFound(id));
  }

  private static ApiException notFound(String id) {
    return ApiException.notFound("no VNF package " + id);
  }

  static boolean isUuid(String id) {
    try {
      return UUID.fromString(id).toString().equals(id.toLowerCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The base for links: the configured public URI, else the one the request came to. */
  URI linkBase(URI requestBase) {
    if (publicUri.isEmpty()) {
      return requestBase;
    }
    return URI.create(publicUri.endsWith("/") ? publicUri : publicUri + "/");
  }

  /** The VnfPkgInfo of {@code row}, attributes in SOL005's order. */
  private ObjectNode render(PackageRow row, boolean inUse, URI requestBase) {
    ObjectNode doc = row.doc();
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("id", row.id());
    for (String a :
        List.of(
            "vnfdId",
            "vnfProvider",
            "vnfProductName",
            "vnfSoftwareVersion",
            "vnfdVersion",
            "checksum",
            "softwareImages",
            "additionalArtifacts")) {
      copy(doc, out, a);
    }
    out.put("onboardingState", row.onboarding().name());
    out.put("operationalState", row.operational().name());
    out.put(
        "usageState",
        inUse && row.onboarding() == OnboardingState.ONBOARDED ? "IN_USE" : "NOT_IN_USE");
    copy(doc, out, "userDefinedData");
    copy(doc, out, "onboardingFailureDetails");
    String self = linkBase(requestBase).resolve(ROOT + "/" + row.id()).toString();
    ObjectNode links = out.putObject("_links");
    links.putObject("self").put("href", self);
    if (row.onboarding() == OnboardingState.ONBOARDED) {
      links.putObject("vnfd").put("href", self + "/vnfd");
    }
    links.putObject("packageContent").put("href", self + "/package_content");
    return out;
  }

  private static void copy(ObjectNode from, ObjectNode to, String attribute) {
    @Nullable JsonNode v = from.get(attribute);
    if (v != null) {
      to.set(attribute, v.deepCopy());
    }
  }
}
