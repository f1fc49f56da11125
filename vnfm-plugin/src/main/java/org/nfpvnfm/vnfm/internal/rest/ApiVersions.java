package org.nfpvnfm.vnfm.internal.rest;

import java.util.List;
import java.util.Optional;

/**
 * The APIs this VNFM serves and their versions (ETSI GS NFV-SOL 013 §4.6: the {@code Version}
 * header carries the version, the path its major number). A request's {@code Version} must have the
 * path's major version and be no newer than the one served.
 */
public final class ApiVersions {
  private ApiVersions() {}

  /**
   * One API.
   *
   * @param name the API's name in paths ({@code vnflcm})
   * @param major the major version in paths ({@code v2})
   * @param version the full version served ({@code 2.0.0})
   */
  public record Api(String name, String major, String version) {
    public String root() {
      return name + "/" + major;
    }
  }

  /** Every API served, each once. */
  public static final List<Api> ALL =
      List.of(
          new Api("vnflcm", "v2", "2.0.0"),
          new Api("vnfpkgm", "v1", "2.6.1"),
          new Api("vnffm", "v1", "1.3.0"),
          new Api("vnfpm", "v2", "2.1.0"));

  /** The API a request path (without the leading slash) belongs to. */
  public static Optional<Api> of(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    for (Api a : ALL) {
      if (p.equals(a.root()) || p.startsWith(a.root() + "/") || p.startsWith(a.name() + "/api")) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** Whether a request's {@code Version} can be served by {@code api}. */
  public static boolean accepts(Api api, String requested) {
    int[] served = parse(api.version());
    int[] asked = parse(requested.strip());
    if (asked.length == 0 || asked[0] != served[0]) {
      return false;
    }
    for (int i = 1; i < 3; i++) {
      if (asked[i] != served[i]) {
        return asked[i] < served[i];
      }
    }
    return true;
  }

  private static int[] parse(String v) {
    String[] parts = v.split("\\.", -1);
    if (parts.length != 3) {
      return new int[0];
    }
    int[] out = new int[3];
    for (int i = 0; i < 3; i++) {
      if (parts[i].isEmpty()
          || parts[i].length() > 6
          || !parts[i].chars().allMatch(Character::isDigit)) {
        return new int[0];
      }
      out[i] = Integer.parseInt(parts[i]);
    }
    return out;
  }
}
