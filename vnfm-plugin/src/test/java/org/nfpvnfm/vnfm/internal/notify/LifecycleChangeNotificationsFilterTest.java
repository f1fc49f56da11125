package org.nfpvnfm.vnfm.internal.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.nfpvnfm.vnfm.internal.rest.ApiException;
import org.nfpvnfm.vnfm.internal.rest.Json;

class LifecycleChangeNotificationsFilterTest {
  private static final URI BASE = URI.create("http://vnfm.example:9890/");
  private static final Notifier.Subject SUBJECT =
      new Notifier.Subject("inst-1", "web-1", "vnfd-1", "Acme", "Firewall", "2.1", "1.0");
  private static final Notifier.Subject UNNAMED =
      new Notifier.Subject("inst-2", null, "vnfd-1", "Acme", "Firewall", "2.1", "1.0");

  private static final ObjectNode INSTANTIATE_STARTING =
      Notifications.opOcc(BASE, "STARTING", "INSTANTIATE", "inst-1", "op-1", false, null);
  private static final ObjectNode CREATED = Notifications.created(BASE, "inst-1");

  /** The filter as a subscriber writes it, through the same mapping as a request. */
  private static LifecycleChangeNotificationsFilter filter(String json) {
    try {
      return Json.MAPPER.readValue(
          json.replace('\'', '"'), LifecycleChangeNotificationsFilter.class);
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  private static LifecycleChangeNotificationsFilter instances(String json) {
    return filter("{'vnfInstanceSubscriptionFilter': " + json + "}");
  }

  @Test
  void anEmptyFilterSelectsEverything() {
    LifecycleChangeNotificationsFilter f = filter("{}");
    assertThat(f.matches(SUBJECT, INSTANTIATE_STARTING)).isTrue();
    assertThat(f.matches(SUBJECT, CREATED)).isTrue();
    assertThat(f.matches(UNNAMED, Notifications.deleted(BASE, "inst-2"))).isTrue();
  }

  @Nested
  class NotificationTypes {
    @Test
    void selectsTheListedTypes() {
      LifecycleChangeNotificationsFilter f =
          filter("{'notificationTypes': ['VnfIdentifierCreationNotification']}");
      assertThat(f.matches(SUBJECT, CREATED)).isTrue();
    }

    @Test
    void leavesOutOtherTypes() {
      LifecycleChangeNotificationsFilter f =
          filter("{'notificationTypes': ['VnfIdentifierCreationNotification']}");
      assertThat(f.matches(SUBJECT, INSTANTIATE_STARTING)).isFalse();
      assertThat(f.matches(SUBJECT, Notifications.deleted(BASE, "inst-1"))).isFalse();
    }
  }

  @Nested
  class OperationTypes {
    private final LifecycleChangeNotificationsFilter f =
        filter("{'operationTypes': ['INSTANTIATE', 'TERMINATE']}");

    @Test
    void selectsOperationOccurrencesOfTheListedOperations() {
      assertThat(f.matches(SUBJECT, INSTANTIATE_STARTING)).isTrue();
    }

    @Test
    void leavesOutOtherOperations() {
      assertThat(
              f.matches(
                  SUBJECT, Notifications.opOcc(BASE, "COMPLETED", "SCALE", "i", "o", false, null)))
          .isFalse();
    }

    @Test
    void doesNotApplyToIdentifierNotifications() {
      assertThat(f.matches(SUBJECT, CREATED)).isTrue();
    }
  }

  @Nested
  class OperationStates {
    private final LifecycleChangeNotificationsFilter f =
        filter("{'operationStates': ['COMPLETED', 'FAILED_TEMP']}");

    @Test
    void selectsTheListedStates() {
      assertThat(
              f.matches(
                  SUBJECT,
                  Notifications.opOcc(BASE, "FAILED_TEMP", "INSTANTIATE", "i", "o", false, null)))
          .isTrue();
    }

    @Test
    void leavesOutOtherStates() {
      assertThat(f.matches(SUBJECT, INSTANTIATE_STARTING)).isFalse();
    }

    @Test
    void doesNotApplyToIdentifierNotifications() {
      assertThat(f.matches(SUBJECT, Notifications.deleted(BASE, "inst-1"))).isTrue();
    }
  }

  @Nested
  class VnfdIds {
    @Test
    void selectsInstancesOfTheListedVnfds() {
      assertThat(instances("{'vnfdIds': ['vnfd-0', 'vnfd-1']}").matches(SUBJECT, CREATED)).isTrue();
    }

    @Test
    void leavesOutOtherVnfds() {
      assertThat(instances("{'vnfdIds': ['vnfd-2']}").matches(SUBJECT, CREATED)).isFalse();
    }
  }

  @Nested
  class VnfProductsFromProviders {
    @Test
    void selectsEveryProductOfAProvider() {
      assertThat(
              instances(
                      "{'vnfProductsFromProviders': [{'vnfProvider': 'Other'}, {'vnfProvider':"
                          + " 'Acme'}]}")
                  .matches(SUBJECT, CREATED))
          .isTrue();
    }

    @Test
    void leavesOutOtherProviders() {
      assertThat(
              instances("{'vnfProductsFromProviders': [{'vnfProvider': 'Other'}]}")
                  .matches(SUBJECT, CREATED))
          .isFalse();
    }

    @Test
    void selectsAProductByName() {
      assertThat(
              instances(
                      "{'vnfProductsFromProviders': [{'vnfProvider': 'Acme', 'vnfProducts':"
                          + " [{'vnfProductName': 'Firewall'}]}]}")
                  .matches(SUBJECT, CREATED))
          .isTrue();
    }

    @Test
    void leavesOutOtherProductsOfTheProvider() {
      assertThat(
              instances(
                      "{'vnfProductsFromProviders': [{'vnfProvider': 'Acme', 'vnfProducts':"
                          + " [{'vnfProductName': 'Router'}]}]}")
                  .matches(SUBJECT, CREATED))
          .isFalse();
    }

    @Test
    void leavesOutTheProductNameOfAnotherProvider() {
      assertThat(
              instances(
                      "{'vnfProductsFromProviders': [{'vnfProvider': 'Other', 'vnfProducts':"
                          + " [{'vnfProductName': 'Firewall'}]}]}")
                  .matches(SUBJECT, CREATED))
          .isFalse();
    }

    @Test
    void selectsASoftwareVersion() {
      assertThat(
              instances(
                      "{'vnfProductsFromProviders': [{'vnfProvider': 'Acme', 'vnfProducts':"
                          + " [{'vnfProductName': 'Firewall', 'versions': [{'vnfSoftwareVersion':"
                          + " '2.1'}]}]}]}")
                  .matches(SUBJECT, CREATED))
          .isTrue();
    }

    @Test
    void leavesOutOtherSoftwareVersions() {
      assertThat(
              instances(
                      "{'vnfProductsFromProviders': [{'vnfProvider': 'Acme', 'vnfProducts':"
                          + " [{'vnfProductName': 'Firewall', 'versions': [{'vnfSoftwareVersion':"
                          + " '2.0'}]}]}]}")
                  .matches(SUBJECT, CREATED))
          .isFalse();
    }

    @Test
    void selectsAVnfdVersion() {
      assertThat(
              instances(
                      "{'vnfProductsFromProviders': [{'vnfProvider': 'Acme', 'vnfProducts':"
                          + " [{'vnfProductName': 'Firewall', 'versions': [{'vnfSoftwareVersion':"
                          + " '2.1', 'vnfdVersions': ['0.9', '1.0']}]}]}]}")
                  .matches(SUBJECT, CREATED))
          .isTrue();
    }

    @Test
    void leavesOutOtherVnfdVersions() {
      assertThat(
              instances(
                      "{'vnfProductsFromProviders': [{'vnfProvider': 'Acme', 'vnfProducts':"
                          + " [{'vnfProductName': 'Firewall', 'versions': [{'vnfSoftwareVersion':"
                          + " '2.1', 'vnfdVersions': ['0.9']}]}]}]}")
                  .matches(SUBJECT, CREATED))
          .isFalse();
    }
  }

  @Nested
  class VnfInstanceIds {
    @Test
    void selectsTheListedInstances() {
      assertThat(instances("{'vnfInstanceIds': ['inst-1']}").matches(SUBJECT, CREATED)).isTrue();
    }

    @Test
    void leavesOutOtherInstances() {
      assertThat(instances("{'vnfInstanceIds': ['inst-9']}").matches(SUBJECT, CREATED)).isFalse();
    }
  }

  @Nested
  class VnfInstanceNames {
    @Test
    void selectsTheListedNames() {
      assertThat(instances("{'vnfInstanceNames': ['web-1']}").matches(SUBJECT, CREATED)).isTrue();
    }

    @Test
    void leavesOutOtherNamesAndUnnamedInstances() {
      assertThat(instances("{'vnfInstanceNames': ['web-2']}").matches(SUBJECT, CREATED)).isFalse();
      assertThat(instances("{'vnfInstanceNames': ['web-1']}").matches(UNNAMED, CREATED)).isFalse();
    }
  }

  @Test
  void requiresEveryAttributeToMatch() {
    LifecycleChangeNotificationsFilter f =
        filter(
            "{'vnfInstanceSubscriptionFilter': {'vnfdIds': ['vnfd-1'], 'vnfInstanceIds':"
                + " ['inst-1']}, 'notificationTypes': ['VnfLcmOperationOccurrenceNotification'],"
                + " 'operationTypes': ['INSTANTIATE'], 'operationStates': ['STARTING']}");
    assertThat(f.matches(SUBJECT, INSTANTIATE_STARTING)).isTrue();
    assertThat(f.matches(UNNAMED, INSTANTIATE_STARTING)).as("another instance").isFalse();
    assertThat(
            f.matches(
                SUBJECT,
                Notifications.opOcc(
                    BASE, "PROCESSING", "INSTANTIATE", "inst-1", "op-1", false, null)))
        .as("another state")
        .isFalse();
  }

  @Test
  void anEmptyListConstrainsNothing() {
    assertThat(instances("{'vnfdIds': []}").matches(SUBJECT, CREATED)).isTrue();
    assertThat(filter("{'notificationTypes': []}").matches(SUBJECT, CREATED)).isTrue();
  }

  @Nested
  class Validation {
    @Test
    void refusesBothVnfdIdsAndProducts() {
      assertRefused(
          instances("{'vnfdIds': ['a'], 'vnfProductsFromProviders': [{'vnfProvider': 'Acme'}]}"),
          "vnfdIds and vnfProductsFromProviders are alternatives");
    }

    @Test
    void refusesBothInstanceIdsAndNames() {
      assertRefused(
          instances("{'vnfInstanceIds': ['a'], 'vnfInstanceNames': ['b']}"),
          "vnfInstanceIds and vnfInstanceNames are alternatives");
    }

    @Test
    void acceptsOneAlternativeOfEachPair() {
      instances("{'vnfdIds': ['a'], 'vnfInstanceNames': ['b']}").validate();
      instances(
              "{'vnfProductsFromProviders': [{'vnfProvider': 'Acme', 'vnfProducts':"
                  + " [{'vnfProductName': 'Firewall', 'versions': [{'vnfSoftwareVersion': '2.1',"
                  + " 'vnfdVersions': ['1.0']}]}]}], 'vnfInstanceIds': ['i']}")
          .validate();
    }

    @Test
    void refusesAProviderWithoutItsName() {
      assertRefused(
          instances("{'vnfProductsFromProviders': [{'vnfProducts': [{'vnfProductName': 'x'}]}]}"),
          "vnfProductsFromProviders[0].vnfProvider is required");
    }

    @Test
    void refusesAProductWithoutItsName() {
      assertRefused(
          instances("{'vnfProductsFromProviders': [{'vnfProvider': 'Acme', 'vnfProducts': [{}]}]}"),
          "vnfProducts[0].vnfProductName is required");
    }

    @Test
    void refusesAVersionWithoutSoftwareVersion() {
      assertRefused(
          instances(
              "{'vnfProductsFromProviders': [{'vnfProvider': 'Acme', 'vnfProducts':"
                  + " [{'vnfProductName': 'F', 'versions': [{'vnfdVersions': ['1']}]}]}]}"),
          "versions[0].vnfSoftwareVersion is required");
    }

    @Test
    void refusesValuesOutsideTheEnumerations() {
      assertRefused(
          filter("{'notificationTypes': ['VnfPackageChangeNotification']}"),
          "'VnfPackageChangeNotification'");
      assertRefused(filter("{'operationTypes': ['REBOOT']}"), "'REBOOT'");
      assertRefused(filter("{'operationStates': ['DONE']}"), "'DONE'");
    }

    @Test
    void refusesOperationCriteriaWithoutOperationOccurrenceNotifications() {
      assertRefused(
          filter(
              "{'notificationTypes': ['VnfIdentifierCreationNotification'], 'operationTypes':"
                  + " ['INSTANTIATE']}"),
          "operationTypes is allowed only when");
      assertRefused(
          filter(
              "{'notificationTypes': ['VnfIdentifierDeletionNotification'], 'operationStates':"
                  + " ['COMPLETED']}"),
          "operationStates is allowed only when");
      filter(
              "{'notificationTypes': ['VnfLcmOperationOccurrenceNotification'], 'operationStates':"
                  + " ['COMPLETED']}")
          .validate();
    }

    @Test
    void refusesNullsInLists() {
      assertRefused(instances("{'vnfdIds': ['a', null]}"), "must not contain null");
    }

    private static void assertRefused(LifecycleChangeNotificationsFilter f, String detail) {
      assertThatThrownBy(f::validate)
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
          .hasMessageContaining(detail);
    }
  }
}
