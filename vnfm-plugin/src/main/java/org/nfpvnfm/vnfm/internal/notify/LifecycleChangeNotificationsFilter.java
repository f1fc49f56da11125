package org.nfpvnfm.vnfm.internal.notify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.vnfm.internal.rest.ApiException;

/**
 * A subscription's filter, SOL003 LifecycleChangeNotificationsFilter: every attribute present must
 * match (and), an array matches when one of its values does (or). An absent or empty array
 * constrains nothing. {@code operationTypes} and {@code operationStates} select among {@code
 * VnfLcmOperationOccurrenceNotification}s only; the other notification types pass them.
 *
 * @param vnfInstanceSubscriptionFilter which VNF instances
 * @param notificationTypes which notification types
 * @param operationTypes which LCM operations (operation occurrence notifications only)
 * @param operationStates which operation states (operation occurrence notifications only)
 */
public record LifecycleChangeNotificationsFilter(
    @Nullable VnfInstanceSubscriptionFilter vnfInstanceSubscriptionFilter,
    @Nullable List<String> notificationTypes,
    @Nullable List<String> operationTypes,
    @Nullable List<String> operationStates) {

  static final String OP_OCC = "VnfLcmOperationOccurrenceNotification";
  static final String CREATION = "VnfIdentifierCreationNotification";
  static final String DELETION = "VnfIdentifierDeletionNotification";
  static final Set<String> NOTIFICATION_TYPES = Set.of(OP_OCC, CREATION, DELETION);
  static final Set<String> OPERATIONS =
      Set.of(
          "INSTANTIATE",
          "SCALE",
          "SCALE_TO_LEVEL",
          "CHANGE_FLAVOUR",
          "TERMINATE",
          "HEAL",
          "OPERATE",
          "CHANGE_EXT_CONN",
          "MODIFY_INFO",
          "CREATE_SNAPSHOT",
          "REVERT_TO_SNAPSHOT",
          "CHANGE_VNFPKG");
  static final Set<String> OPERATION_STATES =
      Set.of(
          "STARTING",
          "PROCESSING",
          "COMPLETED",
          "FAILED_TEMP",
          "FAILED",
          "ROLLING_BACK",
          "ROLLED_BACK");

  /**
   * SOL003 VnfInstanceSubscriptionFilter. {@code vnfdIds} and {@code vnfProductsFromProviders} are
   * alternatives, and so are {@code vnfInstanceIds} and {@code vnfInstanceNames}: one of each pair
   * at most; one of the first pair and one of the second may be combined (and).
   */
  public record VnfInstanceSubscriptionFilter(
      @Nullable List<String> vnfdIds,
      @Nullable List<VnfProductsFromProvider> vnfProductsFromProviders,
      @Nullable List<String> vnfInstanceIds,
      @Nullable List<String> vnfInstanceNames) {}

  /** The products of one provider; without {@code vnfProducts}, all its products. */
  public record VnfProductsFromProvider(
      @Nullable String vnfProvider, @Nullable List<VnfProduct> vnfProducts) {}

  /** One product by name; without {@code versions}, all its versions. */
  public record VnfProduct(@Nullable String vnfProductName, @Nullable List<VnfVersion> versions) {}

  /** One software version; without {@code vnfdVersions}, all its VNFD versions. */
  public record VnfVersion(
      @Nullable String vnfSoftwareVersion, @Nullable List<String> vnfdVersions) {}

  /**
   * Refuses (400) a filter SOL003 does not allow: both alternatives of a pair, a mandatory
   * attribute missing, a value outside an enumeration, a null in an array, or operation criteria in
   * a filter whose notification types exclude operation occurrence notifications.
   */
  void validate() {
    VnfInstanceSubscriptionFilter v = vnfInstanceSubscriptionFilter;
    if (v != null) {
      if (v.vnfdIds() != null && v.vnfProductsFromProviders() != null) {
        throw bad(
            "vnfInstanceSubscriptionFilter: vnfdIds and vnfProductsFromProviders are alternatives;"
                + " give one of them");
      }
      if (v.vnfInstanceIds() != null && v.vnfInstanceNames() != null) {
        throw bad(
            "vnfInstanceSubscriptionFilter: vnfInstanceIds and vnfInstanceNames are alternatives;"
                + " give one of them");
      }
      noNulls("vnfInstanceSubscriptionFilter.vnfdIds", v.vnfdIds());
      noNulls("vnfInstanceSubscriptionFilter.vnfInstanceIds", v.vnfInstanceIds());
      noNulls("vnfInstanceSubscriptionFilter.vnfInstanceNames", v.vnfInstanceNames());
      List<VnfProductsFromProvider> providers = v.vnfProductsFromProviders();
      if (providers != null) {
        String at = "vnfInstanceSubscriptionFilter.vnfProductsFromProviders";
        noNulls(at, providers);
        for (int i = 0; i < providers.size(); i++) {
          validate(providers.get(i), at + "[" + i + "]");
        }
      }
    }
    checkValues("notificationTypes", notificationTypes, NOTIFICATION_TYPES);
    checkValues("operationTypes", operationTypes, OPERATIONS);
    checkValues("operationStates", operationStates, OPERATION_STATES);
    List<String> types = notificationTypes;
    if (types != null && !types.isEmpty() && !types.contains(OP_OCC)) {
      if (operationTypes != null) {
        throw bad("operationTypes is allowed only when notificationTypes includes " + OP_OCC);
      }
      if (operationStates != null) {
        throw bad("operationStates is allowed only when notificationTypes includes " + OP_OCC);
      }
    }
  }

  private static void validate(VnfProductsFromProvider p, String at) {
    if (p.vnfProvider() == null) {
      throw bad(at + ".vnfProvider is required");
    }
    List<VnfProduct> products = p.vnfProducts();
    if (products == null) {
      return;
    }
    noNulls(at + ".vnfProducts", products);
    for (int i = 0; i < products.size(); i++) {
      VnfProduct prod = products.get(i);
      String pat = at + ".vnfProducts[" + i + "]";
      if (prod.vnfProductName() == null) {
        throw bad(pat + ".vnfProductName is required");
      }
      List<VnfVersion> versions = prod.versions();
      if (versions == null) {
        continue;
      }
      noNulls(pat + ".versions", versions);
      for (int j = 0; j < versions.size(); j++) {
        VnfVersion ver = versions.get(j);
        if (ver.vnfSoftwareVersion() == null) {
          throw bad(pat + ".versions[" + j + "].vnfSoftwareVersion is required");
        }
        noNulls(pat + ".versions[" + j + "].vnfdVersions", ver.vnfdVersions());
      }
    }
  }

  private static void checkValues(String name, @Nullable List<String> values, Set<String> allowed) {
    noNulls(name, values);
    if (values == null) {
      return;
    }
    for (String s : values) {
      if (!allowed.contains(s)) {
        throw bad(
            name + " has '" + s + "', which is not one of " + allowed.stream().sorted().toList());
      }
    }
  }

  private static void noNulls(String name, @Nullable List<?> values) {
    if (values != null && values.stream().anyMatch(x -> x == null)) {
      throw bad(name + " must not contain null");
    }
  }

  private static ApiException bad(String detail) {
    return ApiException.badRequest("filter: " + detail);
  }

  /**
   * Whether this filter selects {@code notification} about {@code subject}: the body's type, and
   * for operation occurrences its operation and state, against the filter's lists; the subject
   * against the instance filter.
   */
  public boolean matches(Notifier.Subject subject, JsonNode notification) {
    String type = notification.path("notificationType").asText();
    if (!anyOf(notificationTypes, type)) {
      return false;
    }
    if (type.equals(OP_OCC)
        && !(anyOf(operationTypes, notification.path("operation").asText())
            && anyOf(operationStates, notification.path("operationState").asText()))) {
      return false;
    }
    return vnfInstanceSubscriptionFilter == null || matches(vnfInstanceSubscriptionFilter, subject);
  }

  private static boolean matches(VnfInstanceSubscriptionFilter f, Notifier.Subject s) {
    return anyOf(f.vnfdIds(), s.vnfdId())
        && matchesProducts(f.vnfProductsFromProviders(), s)
        && anyOf(f.vnfInstanceIds(), s.vnfInstanceId())
        && anyOf(f.vnfInstanceNames(), s.vnfInstanceName());
  }

  private static boolean matchesProducts(
      @Nullable List<VnfProductsFromProvider> providers, Notifier.Subject s) {
    if (providers == null || providers.isEmpty()) {
      return true;
    }
    for (VnfProductsFromProvider p : providers) {
      if (s.vnfProvider().equals(p.vnfProvider()) && matchesProduct(p.vnfProducts(), s)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesProduct(@Nullable List<VnfProduct> products, Notifier.Subject s) {
    if (products == null || products.isEmpty()) {
      return true;
    }
    for (VnfProduct p : products) {
      if (s.vnfProductName().equals(p.vnfProductName()) && matchesVersion(p.versions(), s)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesVersion(@Nullable List<VnfVersion> versions, Notifier.Subject s) {
    if (versions == null || versions.isEmpty()) {
      return true;
    }
    for (VnfVersion v : versions) {
      if (s.vnfSoftwareVersion().equals(v.vnfSoftwareVersion())
          && anyOf(v.vnfdVersions(), s.vnfdVersion())) {
        return true;
      }
    }
    return false;
  }

  /** An absent or empty list constrains nothing; otherwise {@code value} must be in it. */
  private static boolean anyOf(@Nullable List<String> values, @Nullable String value) {
    if (values == null || values.isEmpty()) {
      return true;
    }
    return value != null && values.contains(value);
  }
}
