package org.nfpvnfm.vnfm.internal.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.nfpvnfm.vnfm.VnfmConfig;
import org.nfpvnfm.vnfm.internal.rest.Json;

class NotificationsTest {
  private static final URI BASE = URI.create("https://vnfm.example:9890");

  @Test
  void anOperationOccurrenceNotificationHasEveryRequiredAttribute() {
    ObjectNode n =
        Notifications.opOcc(BASE, "STARTING", "INSTANTIATE", "inst-1", "op-1", false, null);
    assertThat(n.path("notificationType").asText())
        .isEqualTo("VnfLcmOperationOccurrenceNotification");
    assertThat(n.path("notificationStatus").asText()).isEqualTo("START");
    assertThat(n.path("operationState").asText()).isEqualTo("STARTING");
    assertThat(n.path("operation").asText()).isEqualTo("INSTANTIATE");
    assertThat(n.path("vnfInstanceId").asText()).isEqualTo("inst-1");
    assertThat(n.path("vnfLcmOpOccId").asText()).isEqualTo("op-1");
    assertThat(n.path("isAutomaticInvocation").isBoolean()).isTrue();
    assertThat(Instant.parse(n.path("timeStamp").asText()))
        .isBetween(Instant.now().minusSeconds(5), Instant.now());
    assertThat(n.at("/_links/vnfInstance/href").asText())
        .isEqualTo("https://vnfm.example:9890/vnflcm/v2/vnf_instances/inst-1");
    assertThat(n.at("/_links/vnfLcmOpOcc/href").asText())
        .isEqualTo("https://vnfm.example:9890/vnflcm/v2/vnf_lcm_op_occs/op-1");
    assertThat(n.has("error")).isFalse();
  }

  @Test
  void aResultCarriesTheErrorOfAFailure() {
    ObjectNode problem = Json.MAPPER.createObjectNode().put("status", 500).put("detail", "boom");
    ObjectNode n =
        Notifications.opOcc(BASE, "FAILED_TEMP", "TERMINATE", "inst-1", "op-2", true, problem);
    assertThat(n.path("notificationStatus").asText()).isEqualTo("RESULT");
    assertThat(n.path("isAutomaticInvocation").asBoolean()).isTrue();
    assertThat(n.at("/error/detail").asText()).isEqualTo("boom");
  }

  @Test
  void theStatusIsStartOnlyWhenTheOperationStarts() {
    assertThat(Notifications.statusOf("INSTANTIATE", "STARTING"))
        .isEqualTo(Notifications.Status.START);
    assertThat(Notifications.statusOf("MODIFY_INFO", "PROCESSING"))
        .as("MODIFY_INFO starts in PROCESSING")
        .isEqualTo(Notifications.Status.START);
    for (String s :
        new String[] {
          "PROCESSING", "COMPLETED", "FAILED_TEMP", "FAILED", "ROLLING_BACK", "ROLLED_BACK"
        }) {
      assertThat(Notifications.statusOf("SCALE", s)).as(s).isEqualTo(Notifications.Status.RESULT);
    }
    assertThatThrownBy(() -> Notifications.statusOf("SCALE", "DONE"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DONE");
    assertThatThrownBy(() -> Notifications.opOcc(BASE, "STARTING", "REBOOT", "i", "o", false, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("REBOOT");
  }

  @Test
  void identifierNotificationsNameTheInstance() {
    ObjectNode c = Notifications.created(BASE, "inst-7");
    ObjectNode d = Notifications.deleted(URI.create("http://h:1/"), "inst-7");
    assertThat(c.path("notificationType").asText()).isEqualTo("VnfIdentifierCreationNotification");
    assertThat(d.path("notificationType").asText()).isEqualTo("VnfIdentifierDeletionNotification");
    assertThat(c.path("vnfInstanceId").asText()).isEqualTo("inst-7");
    assertThat(c.at("/_links/vnfInstance/href").asText())
        .isEqualTo("https://vnfm.example:9890/vnflcm/v2/vnf_instances/inst-7");
    assertThat(d.at("/_links/vnfInstance/href").asText())
        .isEqualTo("http://h:1/vnflcm/v2/vnf_instances/inst-7");
    assertThat(c.has("timeStamp")).isTrue();
  }

  @Test
  void eachSubscriptionGetsItsIdAndLinkAndShortLeavesOutTheChangeDetails() {
    ObjectNode n = Notifications.opOcc(BASE, "COMPLETED", "SCALE", "inst-1", "op-3", false, null);
    n.putArray("affectedVnfcs").addObject().put("id", "vnfc-1");
    n.putObject("changedInfo").put("vnfInstanceName", "x");
    Subscription full = subscription("sub-full", "FULL");
    Subscription brief = subscription("sub-short", "SHORT");

    ObjectNode f = OutboxNotifier.body("n-1", full, n);
    ObjectNode s = OutboxNotifier.body("n-1", brief, n);

    assertThat(f.path("id").asText()).isEqualTo("n-1");
    assertThat(f.path("subscriptionId").asText()).isEqualTo("sub-full");
    assertThat(f.at("/_links/subscription/href").asText()).isEqualTo(full.href());
    assertThat(f.at("/_links/vnfInstance/href").asText()).endsWith("/vnf_instances/inst-1");
    assertThat(f.path("verbosity").asText()).isEqualTo("FULL");
    assertThat(f.has("affectedVnfcs")).isTrue();
    assertThat(f.has("changedInfo")).isTrue();
    assertThat(s.path("subscriptionId").asText()).isEqualTo("sub-short");
    assertThat(s.path("verbosity").asText()).isEqualTo("SHORT");
    assertThat(s.has("affectedVnfcs")).isFalse();
    assertThat(s.has("changedInfo")).isFalse();
    assertThat(s.path("operationState").asText()).isEqualTo("COMPLETED");
    assertThat(n.has("id")).as("the published body is left alone").isFalse();
    assertThat(n.at("/_links/subscription").isMissingNode()).isTrue();
  }

  @Test
  void backOffDoublesUpToTheMaximum() {
    VnfmConfig.NotificationConfig c =
        new VnfmConfig.NotificationConfig(
            10, Duration.ofMillis(100), Duration.ofMillis(700), Duration.ofSeconds(1));
    assertThat(Dispatcher.backoff(c, 1)).isEqualTo(Duration.ofMillis(100));
    assertThat(Dispatcher.backoff(c, 2)).isEqualTo(Duration.ofMillis(200));
    assertThat(Dispatcher.backoff(c, 3)).isEqualTo(Duration.ofMillis(400));
    assertThat(Dispatcher.backoff(c, 4)).isEqualTo(Duration.ofMillis(700));
    assertThat(Dispatcher.backoff(c, 1000)).isEqualTo(Duration.ofMillis(700));
  }

  private static Subscription subscription(String id, String verbosity) {
    return new Subscription(
        id,
        1,
        URI.create("http://nfvo/cb"),
        "https://vnfm.example:9890/vnflcm/v2/subscriptions/" + id,
        null,
        verbosity,
        CallbackCredentials.none());
  }
}
