package org.nfpvnfm.vnfm.internal.pkg;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.glassfish.jersey.media.multipart.FormDataBodyPart;
import org.glassfish.jersey.media.multipart.FormDataMultiPart;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.vnfm.internal.rest.ApiException;
import org.nfpvnfm.vnfm.internal.rest.AttributeFilter;
import org.nfpvnfm.vnfm.internal.rest.Json;

/**
 * {@code /vnfpkgm/v1/vnf_packages}: SOL005 VNF package management as Tacker serves it to an
 * operator. Validates requests and maps them to {@link VnfPackageService}; the rules live there.
 */
@Path(VnfPackageService.ROOT)
@Singleton
public final class VnfPackagesResource {
  static final String ZIP = "application/zip";
  static final String MERGE_PATCH = "application/merge-patch+json";

  private final VnfPackageService service;

  @Inject
  public VnfPackagesResource(VnfPackageService service) {
    this.service = service;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response create(@Nullable String body, @Context UriInfo uri) {
    JsonNode request =
        body == null || body.isBlank() ? Json.MAPPER.createObjectNode() : parse(body);
    ObjectNode created = service.create(request, uri.getBaseUri());
    return Response.created(URI.create(created.path("_links").path("self").path("href").asText()))
        .entity(created)
        .build();
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public ArrayNode list(
      @QueryParam("filter") @Nullable String filter,
      @QueryParam("all_fields") @Nullable String allFields,
      @QueryParam("fields") @Nullable String fields,
      @QueryParam("exclude_fields") @Nullable String excludeFields,
      @QueryParam("exclude_default") @Nullable String excludeDefault,
      @Context UriInfo uri) {
    AttributeFilter f = AttributeFilter.parse(filter);
    return service.list(
        f, excluded(allFields, fields, excludeFields, excludeDefault), uri.getBaseUri());
  }

  /** SOL013 §5.3: which complex attributes a list leaves out. */
  static Set<String> excluded(
      @Nullable String allFields,
      @Nullable String fields,
      @Nullable String excludeFields,
      @Nullable String excludeDefault) {
    int given =
        (allFields != null ? 1 : 0) + (fields != null ? 1 : 0) + (excludeFields != null ? 1 : 0);
    if (given > 1 || (allFields != null && excludeDefault != null)) {
      throw ApiException.badRequest(
          "all_fields, fields and exclude_fields exclude each other, and all_fields excludes"
              + " exclude_default");
    }
    if (allFields != null) {
      return Set.of();
    }
    if (excludeFields != null) {
      Set<String> out = new HashSet<>(names(excludeFields));
      if (excludeDefault != null) {
        out.addAll(VnfPackageService.EXCLUDED_BY_DEFAULT);
      }
      return out;
    }
    Set<String> out = new HashSet<>(VnfPackageService.EXCLUDED_BY_DEFAULT);
    if (fields != null) {
      names(fields).forEach(out::remove);
    }
    return out;
  }

  private static List<String> names(String list) {
    return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  @GET
  @Path("{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public ObjectNode get(@PathParam("id") String id, @Context UriInfo uri) {
    return service.get(id, uri.getBaseUri());
  }

  @PATCH
  @Path("{id}")
  @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
  @Produces(MediaType.APPLICATION_JSON)
  public ObjectNode patch(@PathParam("id") String id, @Nullable String body) {
    if (body == null || body.isBlank()) {
      throw ApiException.badRequest("the body must be a VnfPkgInfoModifications object");
    }
    return service.patch(id, parse(body));
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") String id) {
    service.delete(id);
    return Response.noContent().build();
  }

  @PUT
  @Path("{id}/package_content")
  @Consumes({ZIP, MediaType.APPLICATION_OCTET_STREAM})
  public Response upload(
      @PathParam("id") String id,
      InputStream body,
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) @Nullable String length) {
    long declared = -1;
    if (length != null) {
      try {
        declared = Long.parseLong(length.strip());
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("Content-Length '" + length + "' is not a number");
      }
    }
    service.upload(id, body, declared);
    return Response.accepted().build();
  }

  /** The form Tacker's CLI sends: {@code multipart/form-data} with the zip in a part. */
  @PUT
  @Path("{id}/package_content")
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  public Response uploadForm(@PathParam("id") String id, FormDataMultiPart form) {
    FormDataBodyPart part = form.getField("file");
    if (part == null) {
      List<FormDataBodyPart> withFile = new ArrayList<>();
      form.getFields()
          .values()
          .forEach(
              l ->
                  l.stream()
                      .filter(p -> p.getContentDisposition().getFileName() != null)
                      .forEach(withFile::add));
      if (withFile.size() != 1) {
        throw ApiException.badRequest(
            "the multipart body needs one file part (named \"file\"), with the package's zip");
      }
      part = withFile.getFirst();
    }
    try {
      service.upload(id, part.getValueAs(InputStream.class), -1);
    } finally {
      form.cleanup();
    }
    return Response.accepted().build();
  }

  @GET
  @Path("{id}/package_content")
  public Response content(
      @PathParam("id") String id, @HeaderParam("Range") @Nullable String range) {
    VnfPackageService.Onboarded p = service.onboarded(id);
    long size = size(p.zip());
    Optional<ByteRange> r = ByteRange.parse(range, size);
    if (r.isEmpty()) {
      return Response.ok(p.zip().toFile(), ZIP).header("Accept-Ranges", "bytes").build();
    }
    ByteRange br = r.get();
    StreamingOutput part = out -> copyRange(p.zip(), br, out);
    return Response.status(206)
        .type(ZIP)
        .header("Content-Range", br.contentRange(size))
        .header("Accept-Ranges", "bytes")
        .entity(part)
        .build();
  }

  @GET
  @Path("{id}/vnfd")
  public Response vnfd(@PathParam("id") String id, @Context HttpHeaders headers) {
    VnfPackageService.Onboarded p = service.onboarded(id);
    Set<String> accepted = accepted(headers);
    boolean text = accepted.contains(MediaType.TEXT_PLAIN) || accepted.contains("*/*");
    boolean zip = accepted.contains(ZIP) || accepted.contains("*/*");
    if (!text && !zip) {
      throw new ApiException(
          406, "the VNFD is served as text/plain (the main VNFD file) or application/zip");
    }
    if (text && (!zip || p.layout().singleFileVnfd())) {
      byte[] main = read(p, p.layout().entry());
      return Response.ok(main, MediaType.TEXT_PLAIN_TYPE.withCharset("utf-8")).build();
    }
    List<String> files = p.layout().vnfdFiles();
    StreamingOutput body = out -> VnfPackageService.writeZip(p.zip(), files, out);
    return Response.ok(body, ZIP).build();
  }

  @GET
  @Path("{id}/manifest")
  public Response manifest(@PathParam("id") String id, @Context HttpHeaders headers) {
    VnfPackageService.Onboarded p = service.onboarded(id);
    String manifest = p.layout().manifest();
    if (manifest == null) {
      throw ApiException.notFound("VNF package " + id + " has no manifest");
    }
    Set<String> accepted = accepted(headers);
    if (accepted.contains(MediaType.TEXT_PLAIN) || accepted.contains("*/*")) {
      return Response.ok(read(p, manifest), MediaType.TEXT_PLAIN_TYPE.withCharset("utf-8")).build();
    }
    if (accepted.contains(ZIP)) {
      StreamingOutput body = out -> VnfPackageService.writeZip(p.zip(), List.of(manifest), out);
      return Response.ok(body, ZIP).build();
    }
    throw new ApiException(406, "the manifest is served as text/plain or application/zip");
  }

  @GET
  @Path("{id}/artifacts/{artifactPath: .+}")
  public Response artifact(
      @PathParam("id") String id,
      @PathParam("artifactPath") String artifactPath,
      @HeaderParam("Range") @Nullable String range) {
    VnfPackageService.Onboarded p = service.onboarded(id);
    PackageLayout.Artifact a =
        PackageLayout.safe(artifactPath) ? p.layout().artifact(artifactPath) : null;
    if (a == null) {
      throw ApiException.notFound("VNF package " + id + " has no artifact " + artifactPath);
    }
    String type = mediaType(a.path());
    long size = entrySize(p, a.path());
    Optional<ByteRange> r = ByteRange.parse(range, size);
    if (r.isEmpty()) {
      StreamingOutput body = out -> VnfPackageService.copyEntry(p.zip(), a.path(), 0, size, out);
      return Response.ok(body, type).header("Accept-Ranges", "bytes").build();
    }
    ByteRange br = r.get();
    StreamingOutput part =
        out -> VnfPackageService.copyEntry(p.zip(), a.path(), br.first(), br.length(), out);
    return Response.status(206)
        .type(type)
        .header("Content-Range", br.contentRange(size))
        .header("Accept-Ranges", "bytes")
        .entity(part)
        .build();
  }

  private static String mediaType(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
      return "application/yaml";
    }
    if (lower.endsWith(".json")) {
      return MediaType.APPLICATION_JSON;
    }
    if (lower.endsWith(".txt") || lower.endsWith(".sh") || lower.endsWith(".md")) {
      return "text/plain";
    }
    if (lower.endsWith(".zip")) {
      return ZIP;
    }
    return MediaType.APPLICATION_OCTET_STREAM;
  }

  /** The media types the request accepts, as {@code type/subtype}; none given: anything. */
  private static Set<String> accepted(HttpHeaders headers) {
    Set<String> out = new HashSet<>();
    for (MediaType m : headers.getAcceptableMediaTypes()) {
      out.add(m.getType() + "/" + m.getSubtype());
    }
    return out;
  }

  private static byte[] read(VnfPackageService.Onboarded p, String name) {
    try {
      return VnfPackageService.readEntry(p.zip(), name);
    } catch (IOException e) {
      throw new IllegalStateException(
          "VNF package " + p.row().id() + ": cannot read " + name + " from its stored content", e);
    }
  }

  private static long entrySize(VnfPackageService.Onboarded p, String name) {
    try {
      return VnfPackageService.entrySize(p.zip(), name);
    } catch (IOException e) {
      throw new IllegalStateException(
          "VNF package " + p.row().id() + ": cannot read " + name + " from its stored content", e);
    }
  }

  private static long size(java.nio.file.Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the stored content " + file.getFileName(), e);
    }
  }

  private static void copyRange(java.nio.file.Path file, ByteRange range, OutputStream out)
      throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      f.seek(range.first());
      byte[] buf = new byte[65536];
      long left = range.length();
      while (left > 0) {
        int n = f.read(buf, 0, (int) Math.min(buf.length, left));
        if (n < 0) {
          break;
        }
        out.write(buf, 0, n);
        left -= n;
      }
    }
  }

  private static JsonNode parse(String body) {
    try {
      return Json.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest(
          "the body is not valid JSON: "
              + e.getOriginalMessage()
              + (e.getLocation() == null
                  ? ""
                  : " (line "
                      + e.getLocation().getLineNr()
                      + ", column "
                      + e.getLocation().getColumnNr()
                      + ")"));
    }
  }
}
