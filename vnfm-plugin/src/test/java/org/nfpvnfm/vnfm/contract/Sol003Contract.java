package org.nfpvnfm.vnfm.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.Response;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelLoader;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.util.OpenApiLoader;
import com.atlassian.oai.validator.whitelist.ValidationErrorsWhitelist;
import com.atlassian.oai.validator.whitelist.rule.WhitelistRules;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.vnfm.TestVnfm;
import org.nfpvnfm.vnfm.internal.rest.Json;

/**
 * The contract the API tests check: ETSI's OpenAPI documents of NFV-SOL003 (copied into {@code
 * src/test/resources/etsi-sol003/}), one per API, validated with Atlassian's
 * swagger-request-validator. Where the VNFM or the documents deliberately differ, {@code
 * docs/sol003-conformance.md} says so and the rule below names it.
 *
 * <p>Tests opt in with {@link #client(URI, String)} (a {@link TestVnfm.Client} that validates every
 * exchange) or {@code client.onExchange(Sol003Contract::assertValid)}; notifications and grant
 * requests the VNFM sends to WireMock are checked with {@link #assertValidNotification}, {@link
 * #assertValidGrantRequest} and {@link #assertValidNfvoExchanges}.
 *
 * <p>What fails a test:
 *
 * <ul>
 *   <li>a path outside every document, or a method the document does not declare on it (unless the
 *       VNFM answered that with 405);
 *   <li>any violation in the response: an undeclared status, a body that does not fit the status's
 *       schema (ProblemDetails for errors), a body where none is declared, a wrong content type;
 *   <li>a violation in the request when the VNFM accepted it (a status below 400): the test sent
 *       something the document does not describe and the VNFM took it. A request answered with a
 *       4xx may violate the document: refusing such requests is what those tests check.
 * </ul>
 */
public final class Sol003Contract {

  /** The SOL003 APIs, each with its document and the base path where this VNFM meets it. */
  public enum Api {
    /** VNF Lifecycle Management, served by the VNFM. */
    LIFECYCLE("sol003_lifecycle_openapi.json", "/vnflcm/v2"),
    /** VNF Fault Management, served by the VNFM. */
    FAULT("sol003_fault_openapi.json", "/vnffm/v1"),
    /** VNF Performance Management, served by the VNFM. */
    PERFORMANCE("sol003_perf_openapi.json", "/vnfpm/v2"),
    /** VNF Indicator, served by the VNFM. */
    INDICATOR("sol003_indicator_openapi.json", "/vnfind/v1"),
    /** VNF Lifecycle Operation Granting, served by the NFVO; the VNFM asks it for grants. */
    GRANTING("sol003_operation_openapi.json", "/grant/v1"),
    /** VNF Package Management, served by the NFVO; the VNFM reads onboarded packages from it. */
    PACKAGES("sol003_package_openapi.json", "/vnfpkgm/v2");

    private final String document;
    private final String basePath;

    Api(String document, String basePath) {
      this.document = document;
      this.basePath = basePath;
    }

    /** The document's resource path on the test class path. */
    public String document() {
      return "/etsi-sol003/" + document;
    }

    /** Where the API's resources start ({@code /vnflcm/v2}). */
    public String basePath() {
      return basePath;
    }
  }

  /** The notification types of the lifecycle API, each validated against its own schema. */
  static final List<String> LCM_NOTIFICATION_TYPES =
      List.of(
          "VnfLcmOperationOccurrenceNotification",
          "VnfIdentifierCreationNotification",
          "VnfIdentifierDeletionNotification");

  private static final String JSON = "application/json";

  private final Map<Api, OpenApiInteractionValidator> validators = new EnumMap<>(Api.class);
  private final Map<Api, String> versions = new EnumMap<>(Api.class);
  private final OpenApiInteractionValidator notifications;

  private Sol003Contract() {
    OpenAPI lifecycle = null;
    for (Api api : Api.values()) {
      OpenAPI doc = load(api);
      Corrections.apply(api, doc);
      validators.put(
          api,
          OpenApiInteractionValidator.createFor(doc)
              // The lifecycle document's servers still say /vnflcm/v1; SOL003 v3 serves v2.
              .withBasePathOverride(api.basePath())
              .withStrictOperationPathMatching()
              .withLevelResolver(levels())
              .withSchemaFactorySupplier(EtsiFormats::schemaFactory)
              .withWhitelist(whitelist())
              .build());
      // "2.0.0-impl:etsi.org:ETSI_NFV_OpenAPI:1": the API version is what precedes "-impl".
      versions.put(api, doc.getInfo().getVersion().split("-", 2)[0]);
      if (api == Api.LIFECYCLE) {
        lifecycle = doc;
      }
    }
    if (lifecycle == null) {
      throw new IllegalStateException("the lifecycle document did not load");
    }
    notifications =
        OpenApiInteractionValidator.createFor(LcmNotifications.document(lifecycle))
            .withBasePathOverride("/")
            .withStrictOperationPathMatching()
            .withLevelResolver(levels())
            .withSchemaFactorySupplier(EtsiFormats::schemaFactory)
            .withWhitelist(whitelist())
            .build();
  }

  private static OpenAPI load(Api api) {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    options.setResolveFully(true);
    options.setResolveCombinators(false);
    return new OpenApiLoader()
        .loadApi(
            OpenApiInteractionValidator.SpecSource.specUrl(api.document()), List.of(), options);
  }

  /**
   * Which validation messages count. Hermetic: no {@code swagger-validator.properties}, {@code
   * .swagger-validator} file or {@code -Dswagger.*} property can loosen the contract. Every rule
   * set to IGNORE here has a row in docs/sol003-conformance.md.
   */
  static LevelResolver levels() {
    return LevelResolver.create()
        .withLoader(NoLevels.INSTANCE)
        // The library ignores unexpected query parameters by default; SOL013's (filter, fields,
        // all_fields, exclude_fields, exclude_default, nextpage_opaque_marker) are all declared
        // where they apply, so an undeclared one is a test or VNFM mistake.
        .withLevel("validation.request.parameter.query.unexpected", ValidationReport.Level.ERROR)
        .build();
  }

  /**
   * Where ETSI's documents contradict SOL003's own text, the violation they report is ignored: each
   * rule named, scoped to the message, the place and (where it matters) the method and status it
   * concerns, and listed in docs/sol003-conformance.md. The library's level resolver only sees a
   * message's key, so these use its whitelist, which can also match where the message arose.
   */
  static ValidationErrorsWhitelist whitelist() {
    return ValidationErrorsWhitelist.create()
        // IpOverEthernetAddressData and IpOverEthernetAddressInfo put their oneOf (exactly one of
        // fixedAddresses / numDynamicAddresses / ipAddressRange, resp. addresses / addressRange)
        // on the ipOverEthernet object, while those attributes belong to each element of its
        // ipAddresses array (the documents' own descriptions say so, and name the range
        // addressRange there). Every ipOverEthernet therefore matches none of them. Only that
        // "none" is ignored, and only on ipOverEthernet; its
        // anyOf (macAddress or ipAddresses) and every other check still apply.
        .withRule(
            "ETSI: IpOverEthernet's oneOf is on the object instead of its ipAddresses elements",
            WhitelistRules.allOf(
                WhitelistRules.anyOf(
                    WhitelistRules.messageHasKey("validation.request.body.schema.oneOf"),
                    WhitelistRules.messageHasKey("validation.response.body.schema.oneOf")),
                WhitelistRules.messageContainsRegexp(
                    "^\\[Path '[^']*/ipOverEthernet'\\] Instance failed to match exactly one"
                        + " schema \\(matched 0 out of")))
        // VnfLcmOpOcc declares oneOf [required changedInfo, required
        // modificationsTriggeredByVnfPkgChange], so an occurrence must carry exactly one of them;
        // in SOL003's VnfLcmOpOcc both are optional (changedInfo for MODIFY_INFO,
        // modificationsTriggeredByVnfPkgChange for CHANGE_VNFPKG) and every other operation has
        // neither. "Matched 0" is ignored on the occurrence resources; carrying both still fails.
        .withRule(
            "ETSI: VnfLcmOpOcc requires changedInfo or modificationsTriggeredByVnfPkgChange",
            WhitelistRules.allOf(
                WhitelistRules.messageHasKey("validation.response.body.schema.oneOf"),
                WhitelistRules.pathContainsRegexp(
                    "/vnf_lcm_op_occs(/\\{vnfLcmOpOccId\\}(/fail)?)?$"),
                WhitelistRules.messageContainsRegexp(
                    "^(\\[Path '/\\d+'\\] )?Instance failed to match exactly one schema"
                        + " \\(matched 0 out of 2\\)")))
        // PATCH /vnf_instances/{id} answers 202 with an empty body and a Location (the
        // document's own description of that 202: "The response body shall be empty."), yet the
        // document declares a VnfInstance body for it.
        .withRule(
            "ETSI: PATCH vnf_instances 202 declares a body its description says is empty",
            WhitelistRules.allOf(
                WhitelistRules.messageHasKey("validation.response.body.missing"),
                WhitelistRules.methodIs(PathItem.HttpMethod.PATCH),
                WhitelistRules.pathContainsRegexp("/vnf_instances/\\{vnfInstanceId\\}$"),
                WhitelistRules.responseStatusIs(202)))
        // A threshold carries nfpCrossings, the crossings the VNFM recorded (its own attribute):
        // only that attribute, only on threshold responses.
        .withRule(
            "VNFM: a Threshold carries nfpCrossings",
            WhitelistRules.allOf(
                WhitelistRules.messageHasKey(
                    "validation.response.body.schema.additionalProperties"),
                WhitelistRules.pathContainsRegexp("/thresholds(/\\{thresholdId\\})?$"),
                WhitelistRules.messageContainsRegexp(
                    "^(\\[Path '/\\d+'\\] )?Object instance has properties which are not"
                        + " allowed by the schema: \\[\"nfpCrossings\"\\]$")));
  }

  private enum NoLevels implements LevelLoader {
    INSTANCE;

    @Override
    public Map<String, ValidationReport.Level> loadLevels() {
      return Map.of();
    }

    @Override
    public Optional<ValidationReport.Level> defaultLevel() {
      return Optional.empty();
    }
  }

  private static final class Holder {
    static final Sol003Contract CONTRACT = new Sol003Contract();
  }

  private static Sol003Contract contract() {
    return Holder.CONTRACT;
  }

  /** The version of {@code api} its document describes ({@code 2.0.0} for the lifecycle). */
  public static String version(Api api) {
    return entry(contract().versions, api, "a version");
  }

  /**
   * A client of the VNFM at {@code base} that validates every exchange it makes: {@code new
   * TestVnfm.Client(base, version).onExchange(Sol003Contract::assertValid)}.
   */
  public static TestVnfm.Client client(URI base, String version) {
    return new TestVnfm.Client(base, version).onExchange(Sol003Contract::assertValid);
  }

  /** Fails unless the exchange fits the document of the API its path belongs to. */
  public static void assertValid(TestVnfm.Exchange e) {
    TestVnfm.Reply r = e.reply();
    assertValid(
        e.method(),
        e.uri(),
        e.requestHeaders(),
        e.requestBody(),
        r.status(),
        r.raw().headers().map(),
        r.body());
  }

  /**
   * Fails with the validator's report unless the interaction fits the document of the API its path
   * belongs to: the response always, the request when the VNFM accepted it (status below 400).
   *
   * @param uri the URI requested: absolute, or a path with its query
   * @param requestBody the request's body, null or empty when none
   * @param responseBody the response's body, null or empty when none
   */
  public static void assertValid(
      String method,
      URI uri,
      Map<String, List<String>> requestHeaders,
      @Nullable String requestBody,
      int status,
      Map<String, List<String>> responseHeaders,
      @Nullable String responseBody) {
    Interaction i =
        new Interaction(
            method.toUpperCase(Locale.ROOT),
            uri,
            requestHeaders,
            requestBody,
            status,
            responseHeaders,
            responseBody);
    fail(i, contract().violations(i, false));
  }

  /**
   * Fails unless every request a WireMock NFVO received is one the VNFM may send (GRANTING and
   * PACKAGES documents: the VNFM is the client, so any violation in a request is the VNFM's) and
   * every answer stubbed for it is one an NFVO may give (so the tests meet a realistic NFVO). Call
   * it at the end of a test that let the VNFM talk to {@code nfvo}. Every request {@code nfvo}
   * received is checked: serve an OAuth token endpoint or a subscriber from another WireMock.
   */
  public static void assertValidNfvoExchanges(WireMockServer nfvo) {
    List<String> all = new ArrayList<>();
    for (ServeEvent e : nfvo.getAllServeEvents()) {
      var rq = e.getRequest();
      var rs = e.getResponse();
      Interaction i =
          new Interaction(
              rq.getMethod().getName(),
              URI.create(rq.getUrl()),
              headers(rq.getHeaders()),
              rq.getBodyAsString(),
              rs.getStatus(),
              headers(rs.getHeaders()),
              rs.getBodyAsString());
      List<String> v = contract().violations(i, true);
      if (!v.isEmpty()) {
        all.add(i.describe() + "\n" + String.join("\n", v));
      }
    }
    if (!all.isEmpty()) {
      throw new AssertionError(
          "the VNFM's exchanges with the NFVO violate SOL003:\n" + String.join("\n\n", all));
    }
  }

  /**
   * Fails unless every POST a WireMock subscriber received carries a lifecycle notification that
   * fits its schema ({@link #assertValidNotification}) as JSON, and every other request (the GET
   * with which a callback URI is tested) carries no body; returns the notifications in the order
   * received, for the test's own assertions.
   */
  public static List<JsonNode> assertValidNotificationsReceived(WireMockServer subscriber) {
    List<ServeEvent> events = new ArrayList<>(subscriber.getAllServeEvents());
    // WireMock lists the most recent first.
    java.util.Collections.reverse(events);
    List<JsonNode> out = new ArrayList<>();
    for (ServeEvent e : events) {
      var rq = e.getRequest();
      String method = rq.getMethod().getName();
      String body = rq.getBodyAsString();
      if (!method.equals("POST")) {
        if (body != null && !body.isEmpty()) {
          throw new AssertionError(
              method + " " + rq.getUrl() + " to the subscriber carries a body: " + body);
        }
        continue;
      }
      String type = rq.getHeader("Content-Type");
      if (type == null || !baseType(type).equals(JSON)) {
        throw new AssertionError(
            "the notification POST to " + rq.getUrl() + " is not application/json but " + type);
      }
      JsonNode n;
      try {
        n = Json.MAPPER.readTree(body);
      } catch (java.io.IOException x) {
        throw new AssertionError("the notification to " + rq.getUrl() + " is not JSON: " + body, x);
      }
      assertValidNotification(n);
      out.add(n);
    }
    return out;
  }

  private static Map<String, List<String>> headers(@Nullable HttpHeaders h) {
    Map<String, List<String>> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (h != null) {
      for (HttpHeader x : h.all()) {
        out.put(x.key(), x.values());
      }
    }
    return out;
  }

  /**
   * Fails unless {@code body} is a lifecycle notification that fits the schema of its {@code
   * notificationType}: VnfLcmOperationOccurrenceNotification, VnfIdentifierCreationNotification or
   * VnfIdentifierDeletionNotification. The lifecycle document has no callbacks, so these schemas
   * are built from its own attribute schemas (see {@link LcmNotifications}).
   */
  public static void assertValidNotification(JsonNode body) {
    String type = body.path("notificationType").asText("");
    if (!LCM_NOTIFICATION_TYPES.contains(type)) {
      throw new AssertionError(
          "not a SOL003 lifecycle notification: notificationType is '"
              + type
              + "' (expected one of "
              + LCM_NOTIFICATION_TYPES
              + ") in "
              + body);
    }
    String json = body.toString();
    ValidationReport report =
        contract()
            .notifications
            .validateRequest(
                SimpleRequest.Builder.post("/" + type)
                    .withContentType(JSON)
                    .withBody(json)
                    .build());
    List<String> errors = errors(report, m -> true);
    if (!errors.isEmpty()) {
      throw new AssertionError(
          "the notification violates SOL003's "
              + type
              + ":\n"
              + String.join("\n", errors)
              + "\nbody: "
              + json);
    }
  }

  /**
   * Fails unless {@code body} is a GrantRequest that the VNFM may POST to the NFVO's {@code
   * /grant/v1/grants} (the operation document's request body).
   */
  public static void assertValidGrantRequest(JsonNode body) {
    String json = body.toString();
    ValidationReport report =
        entry(contract().validators, Api.GRANTING, "a validator")
            .validateRequest(
                SimpleRequest.Builder.post(Api.GRANTING.basePath() + "/grants")
                    .withHeader("Version", version(Api.GRANTING))
                    .withAccept(JSON)
                    .withContentType(JSON)
                    .withBody(json)
                    .build());
    List<String> errors = errors(report, m -> true);
    if (!errors.isEmpty()) {
      throw new AssertionError(
          "the GrantRequest violates SOL003:\n" + String.join("\n", errors) + "\nbody: " + json);
    }
  }

  private static <K, V> V entry(Map<K, V> map, K key, String what) {
    V v = map.get(key);
    if (v == null) {
      throw new IllegalStateException("no " + what + " for " + key);
    }
    return v;
  }

  private static void fail(Interaction i, List<String> violations) {
    if (!violations.isEmpty()) {
      throw new AssertionError(
          i.describe()
              + " violates SOL003:\n"
              + String.join("\n", violations)
              + "\nresponse body: "
              + abbreviate(i.responseBody()));
    }
  }

  private static String abbreviate(@Nullable String s) {
    if (s == null || s.isEmpty()) {
      return "(none)";
    }
    return s.length() <= 2000 ? s : s.substring(0, 2000) + "...";
  }

  /** The violations that count, as the validator words them; empty when the interaction fits. */
  List<String> violations(Interaction i, boolean requestAlwaysCounts) {
    String path = i.uri().getRawPath();
    Optional<Api> api = apiOf(path);
    if (api.isEmpty()) {
      return List.of(
          "no SOL003 document describes "
              + path
              + " (the documents' base paths: "
              + java.util.Arrays.stream(Api.values())
                  .map(Api::basePath)
                  .collect(Collectors.joining(", "))
              + ")");
    }
    String documented = documentedPath(api.get(), path);
    ValidationReport report =
        entry(validators, api.get(), "a validator").validate(request(i, documented), response(i));
    boolean requestCounts = requestAlwaysCounts || i.status() < 400;
    return errors(
        report,
        m -> {
          String key = m.getKey();
          if (key.equals("validation.request.path.missing")) {
            return true;
          }
          if (key.equals("validation.request.operation.notAllowed")) {
            return requestAlwaysCounts || i.status() != 405;
          }
          return !key.startsWith("validation.request.") || requestCounts;
        });
  }

  private static Optional<Api> apiOf(String path) {
    for (Api a : Api.values()) {
      if (path.equals(a.basePath())
          || path.startsWith(a.basePath() + "/")
          || isUnversionedApiVersions(a, path)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  private static boolean isUnversionedApiVersions(Api api, String path) {
    String name = api.basePath().substring(0, api.basePath().indexOf('/', 1));
    return path.equals(name + "/api_versions") || path.equals(name + "/api-versions");
  }

  /**
   * The path as its document spells it. SOL013 serves the API versions at {@code
   * /{apiName}/api_versions} as well as under the major version; the documents declare only the
   * latter, with the same body, so the former is checked against it. The PM document spells the
   * resource {@code api-versions} (the VNFM serves both spellings).
   */
  private static String documentedPath(Api api, String path) {
    String versions = api == Api.PERFORMANCE ? "/api-versions" : "/api_versions";
    if (isUnversionedApiVersions(api, path)
        || path.equals(api.basePath() + "/api_versions")
        || path.equals(api.basePath() + "/api-versions")) {
      return api.basePath() + versions;
    }
    return path;
  }

  private static Request request(Interaction i, String path) {
    SimpleRequest.Builder b = new SimpleRequest.Builder(i.method(), path);
    i.requestHeaders()
        .forEach(
            (name, values) -> {
              if (name.equalsIgnoreCase("Content-Type") && i.method().equals("PATCH")) {
                b.withHeader(name, values.stream().map(Sol003Contract::mergePatchAsJson).toList());
              } else {
                b.withHeader(name, values);
              }
            });
    String query = i.uri().getRawQuery();
    if (query != null && !query.isEmpty()) {
      Map<String, List<String>> params = new LinkedHashMap<>();
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      }
      params.forEach(b::withQueryParam);
    }
    if (i.requestBody() != null && !i.requestBody().isEmpty()) {
      b.withBody(i.requestBody());
    }
    return b.build();
  }

  private static Response response(Interaction i) {
    SimpleResponse.Builder b = new SimpleResponse.Builder(i.status());
    i.responseHeaders()
        .forEach(
            (name, values) -> {
              if (name.equalsIgnoreCase("Content-Type") && i.status() >= 400) {
                b.withHeader(name, values.stream().map(Sol003Contract::problemAsJson).toList());
              } else {
                b.withHeader(name, values);
              }
            });
    if (i.responseBody() != null && !i.responseBody().isEmpty()) {
      b.withBody(i.responseBody());
    }
    return b.build();
  }

  /**
   * SOL013 answers errors as {@code application/problem+json} (RFC 7807); the documents declare
   * their ProblemDetails responses as {@code application/json}. Presented as the latter, the body
   * is still checked against the declared ProblemDetails schema (left as problem+json, the library
   * would find no schema for it and check nothing).
   */
  private static String problemAsJson(String contentType) {
    return baseType(contentType).equals("application/problem+json") ? JSON : contentType;
  }

  /**
   * SOL003 sends a PATCH body as {@code application/merge-patch+json} (RFC 7396); the documents
   * declare it as {@code application/json}. Presented as the latter, the body is checked against
   * the declared modification request schema.
   */
  private static String mergePatchAsJson(String contentType) {
    return baseType(contentType).equals("application/merge-patch+json") ? JSON : contentType;
  }

  private static String baseType(String contentType) {
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi))
        .strip()
        .toLowerCase(Locale.ROOT);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static List<String> errors(
      ValidationReport report, java.util.function.Predicate<ValidationReport.Message> counts) {
    List<String> out = new ArrayList<>();
    for (ValidationReport.Message m : report.getMessages()) {
      if (m.getLevel() == ValidationReport.Level.ERROR && counts.test(m)) {
        // The key names the rule, as the level resolver and docs/sol003-conformance.md do.
        out.add(
            "["
                + m.getKey()
                + "] "
                + SimpleValidationReportFormat.getInstance()
                    .apply(ValidationReport.singleton(m))
                    .replaceFirst("^Validation failed\\.\\s*", "")
                    .strip());
      }
    }
    return out;
  }

  /** One request and its response. */
  record Interaction(
      String method,
      URI uri,
      Map<String, List<String>> requestHeaders,
      @Nullable String requestBody,
      int status,
      Map<String, List<String>> responseHeaders,
      @Nullable String responseBody) {
    String describe() {
      String q = uri.getRawQuery();
      return method + " " + uri.getRawPath() + (q == null ? "" : "?" + q) + " -> " + status;
    }
  }

  /**
   * The lifecycle notifications' schemas. SOL003 documents them under a separate notification
   * interface ("VNFLifecycleManagementNotification") that the shared documents do not include, and
   * the lifecycle document declares no {@code callbacks}: only the subscription filter's
   * enumeration of their names. So each notification is the envelope SOL003 V3.3.1 defines for it
   * (which attributes, which are required) around attribute schemas taken from the lifecycle
   * document itself (those of VnfLcmOpOcc, which share their definitions with the notification),
   * presented to the library as the request body of a POST per notification type.
   */
  /**
   * Mistakes in ETSI's fault and performance documents that no whitelist rule can scope well (a
   * list declared as one element would leave the elements unchecked), corrected in the loaded
   * document so that what SOL003's text says is checked instead. Each has a row in
   * docs/sol003-conformance.md.
   */
  static final class Corrections {
    private Corrections() {}

    static void apply(Api api, OpenAPI doc) {
      switch (api) {
        case LIFECYCLE -> {
          // GET /vnf_lcm_op_occs and GET /subscriptions: "the representations of zero or more"
          // occurrences (SOL003 5.4.12.3.2), resp. subscriptions (5.4.18.3.2), an array; each
          // schema is one resource.
          for (String path : List.of("/vnf_lcm_op_occs", "/subscriptions")) {
            MediaType list = json(doc, path, PathItem.HttpMethod.GET, "200");
            if (!(list.getSchema() instanceof ArraySchema)) {
              list.setSchema(new ArraySchema().items(list.getSchema()));
            }
          }
        }
        case FAULT -> {
          // GET /alarms: "The response body shall contain in an array the representations of
          // zero or more alarms", but the schema is one Alarm.
          MediaType list = json(doc, "/alarms", PathItem.HttpMethod.GET, "200");
          if (!(list.getSchema() instanceof ArraySchema)) {
            list.setSchema(new ArraySchema().items(list.getSchema()));
          }
          // The GETs declare Content-Type as a required header though they have no body.
          for (PathItem item : doc.getPaths().values()) {
            Operation get = item.getGet();
            if (get != null && get.getParameters() != null) {
              get.getParameters().stream()
                  .filter(x -> "header".equals(x.getIn()) && "Content-Type".equals(x.getName()))
                  .forEach(x -> x.setRequired(false));
            }
          }
        }
        case PERFORMANCE -> {
          // PmJob.reports is 0..N in SOL003 (table 6.5.2.7-1) and a list in Tacker; the document
          // declares one object.
          for (Schema<?> job :
              List.of(
                  json(doc, "/pm_jobs", PathItem.HttpMethod.POST, "201").getSchema(),
                  json(doc, "/pm_jobs", PathItem.HttpMethod.GET, "200").getSchema().getItems(),
                  json(doc, "/pm_jobs/{pmJobId}", PathItem.HttpMethod.GET, "200").getSchema())) {
            Schema<?> reports = property(job, "reports");
            if (!(reports instanceof ArraySchema)) {
              job.getProperties().put("reports", new ArraySchema().items(reports));
            }
          }
          // PerformanceReport: an entry requires "performanceValue", an attribute it does not
          // define (it defines performanceValues, SOL003 table 6.5.2.10-1), and a value is
          // declared an object where SOL003 says its type is the metric's (a number here).
          Schema<?> report =
              json(doc, "/pm_jobs/{pmJobId}/reports/{reportId}", PathItem.HttpMethod.GET, "200")
                  .getSchema();
          Schema<?> entry = property(report, "entries").getItems();
          List<String> required = new ArrayList<>(entry.getRequired());
          required.replaceAll(r -> r.equals("performanceValue") ? "performanceValues" : r);
          entry.setRequired(required);
          Schema<?> value = property(property(entry, "performanceValues").getItems(), "value");
          value.setType(null);
          value.setTypes(null);
          // PATCH of a PM job or threshold declares no request body; SOL003 sends
          // PmJobModifications / ThresholdModifications, the schema of the 200 response.
          for (String path : List.of("/pm_jobs/{pmJobId}", "/thresholds/{thresholdId}")) {
            Operation patch = operation(doc, path, PathItem.HttpMethod.PATCH);
            if (patch.getRequestBody() == null) {
              MediaType modifications = json(doc, path, PathItem.HttpMethod.PATCH, "200");
              patch.setRequestBody(
                  new RequestBody()
                      .required(true)
                      .content(
                          new Content()
                              .addMediaType(
                                  JSON, new MediaType().schema(modifications.getSchema()))));
            }
          }
        }
        default -> {}
      }
    }

    private static Schema<?> property(Schema<?> schema, String name) {
      Object p = schema.getProperties().get(name);
      if (!(p instanceof Schema<?> found)) {
        throw new IllegalStateException("the schema has no property " + name);
      }
      return found;
    }

    private static MediaType json(
        OpenAPI doc, String path, PathItem.HttpMethod method, String status) {
      Operation op = operation(doc, path, method);
      ApiResponse r = Objects.requireNonNull(op.getResponses().get(status), status);
      return Objects.requireNonNull(r.getContent().get(JSON), JSON);
    }

    private static Operation operation(OpenAPI doc, String path, PathItem.HttpMethod method) {
      PathItem item = Objects.requireNonNull(doc.getPaths().get(path), path);
      return Objects.requireNonNull(item.readOperationsMap().get(method), method + " " + path);
    }
  }

  static final class LcmNotifications {
    private LcmNotifications() {}

    static OpenAPI document(OpenAPI lifecycle) {
      Schema<?> opOcc = responseSchema(lifecycle, "IndividualVnfLcmOpOcc.Get.200");
      Map<String, Schema> occ = properties(opOcc, "VnfLcmOpOcc");
      Map<String, Schema> changes = properties(occ.get("resourceChanges"), "resourceChanges");
      Schema<?> subscription =
          entry(
                  entry(
                          lifecycle.getComponents().getRequestBodies(),
                          "LccnSubscriptionRequest",
                          "the subscription request")
                      .getContent(),
                  JSON,
                  "a JSON subscription request")
              .getSchema();
      Schema<?> identifier = required(occ, "id");
      Schema<?> dateTime = required(occ, "stateEnteredTime");
      Schema<?> link = required(properties(occ.get("_links"), "VnfLcmOpOcc._links"), "self");

      Paths paths = new Paths();
      Map<String, Schema> opOccNotification = new LinkedHashMap<>();
      common(opOccNotification, "VnfLcmOperationOccurrenceNotification", identifier, dateTime);
      opOccNotification.put(
          "notificationStatus", new StringSchema()._enum(List.of("START", "RESULT")));
      opOccNotification.put("operationState", required(occ, "operationState"));
      opOccNotification.put("vnfInstanceId", identifier);
      opOccNotification.put("operation", required(occ, "operation"));
      opOccNotification.put("isAutomaticInvocation", required(occ, "isAutomaticInvocation"));
      opOccNotification.put(
          "verbosity", required(properties(subscription, "LccnSubscriptionRequest"), "verbosity"));
      opOccNotification.put("vnfLcmOpOccId", identifier);
      for (String affected :
          List.of(
              "affectedVnfcs",
              "affectedVirtualLinks",
              "affectedExtLinkPorts",
              "affectedVirtualStorages")) {
        opOccNotification.put(affected, required(changes, affected));
      }
      opOccNotification.put("changedInfo", required(occ, "changedInfo"));
      opOccNotification.put("changedExtConnectivity", required(occ, "changedExtConnectivity"));
      opOccNotification.put(
          "modificationsTriggeredByVnfPkgChange",
          required(occ, "modificationsTriggeredByVnfPkgChange"));
      opOccNotification.put("error", required(occ, "error"));
      opOccNotification.put("_links", links(link, true));
      add(
          paths,
          "VnfLcmOperationOccurrenceNotification",
          opOccNotification,
          List.of(
              "id",
              "notificationType",
              "subscriptionId",
              "timeStamp",
              "notificationStatus",
              "operationState",
              "vnfInstanceId",
              "operation",
              "isAutomaticInvocation",
              "vnfLcmOpOccId",
              "_links"));
      for (String type :
          List.of("VnfIdentifierCreationNotification", "VnfIdentifierDeletionNotification")) {
        Map<String, Schema> p = new LinkedHashMap<>();
        common(p, type, identifier, dateTime);
        p.put("vnfInstanceId", identifier);
        p.put("_links", links(link, false));
        add(
            paths,
            type,
            p,
            List.of(
                "id",
                "notificationType",
                "subscriptionId",
                "timeStamp",
                "vnfInstanceId",
                "_links"));
      }
      OpenAPI doc = new OpenAPI();
      doc.setOpenapi("3.0.2");
      doc.setInfo(lifecycle.getInfo());
      doc.setPaths(paths);
      return doc;
    }

    private static void common(
        Map<String, Schema> p, String type, Schema<?> identifier, Schema<?> dateTime) {
      p.put("id", identifier);
      p.put("notificationType", new StringSchema()._enum(List.of(type)));
      p.put("subscriptionId", identifier);
      p.put("timeStamp", dateTime);
    }

    /** LccnLinks: vnfInstance and subscription required, vnfLcmOpOcc for occurrences only. */
    private static Schema<?> links(Schema<?> link, boolean withOpOcc) {
      ObjectSchema links = new ObjectSchema();
      links.addProperty("vnfInstance", link);
      links.addProperty("subscription", link);
      if (withOpOcc) {
        links.addProperty("vnfLcmOpOcc", link);
      }
      links.setRequired(List.of("vnfInstance", "subscription"));
      return links;
    }

    private static void add(
        Paths paths, String type, Map<String, Schema> properties, List<String> required) {
      ObjectSchema body = new ObjectSchema();
      body.setProperties(properties);
      body.setRequired(required);
      ApiResponses responses = new ApiResponses();
      responses.addApiResponse("204", new ApiResponse().description("delivered"));
      Operation post =
          new Operation()
              .requestBody(
                  new RequestBody()
                      .required(true)
                      .content(new Content().addMediaType(JSON, new MediaType().schema(body))))
              .responses(responses);
      paths.addPathItem("/" + type, new PathItem().post(post));
    }

    private static Schema<?> responseSchema(OpenAPI api, String name) {
      return entry(
              entry(api.getComponents().getResponses(), name, "a response").getContent(),
              JSON,
              "a JSON response " + name)
          .getSchema();
    }

    @SuppressWarnings("rawtypes")
    private static Map<String, Schema> properties(@Nullable Schema<?> s, String what) {
      if (s == null || s.getProperties() == null) {
        throw new IllegalStateException("the lifecycle document has no attributes for " + what);
      }
      return s.getProperties();
    }

    @SuppressWarnings("rawtypes")
    private static Schema<?> required(Map<String, Schema> properties, String name) {
      Schema<?> s = properties.get(name);
      if (s == null) {
        throw new IllegalStateException(
            "the lifecycle document has no schema for " + name + " (has " + properties.keySet());
      }
      return s;
    }
  }
}
