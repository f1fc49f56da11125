package org.nfpvnfm.vnfm.internal.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * Where lifecycle services announce what happened. {@link #publish} is called in the transaction
 * that makes the change, so the announcement is stored with it (an outbox) and delivered after it
 * commits; a crash never loses one, nor sends one for a change that was rolled back.
 */
public interface Notifier {

  /**
   * The VNF instance a notification is about: what subscription filters select on.
   *
   * @param vnfInstanceId the instance's id
   * @param vnfInstanceName its name, if it has one
   * @param vnfdId the VNFD it was created from
   * @param vnfProvider the VNFD's provider
   * @param vnfProductName the VNFD's product name
   * @param vnfSoftwareVersion the VNFD's software version
   * @param vnfdVersion the VNFD's version
   */
  record Subject(
      String vnfInstanceId,
      @Nullable String vnfInstanceName,
      String vnfdId,
      String vnfProvider,
      String vnfProductName,
      String vnfSoftwareVersion,
      String vnfdVersion) {}

  /**
   * Queues {@code notification} (a SOL003 notification body with its {@code notificationType} and
   * everything but {@code id}, {@code subscriptionId} and {@code _links.subscription}, which differ
   * per subscription) for every subscription whose filter selects it, in {@code tx}.
   */
  void publish(Connection tx, Subject subject, ObjectNode notification) throws SQLException;

  /** A notifier that passes each notification to each of {@code notifiers}, in order. */
  static Notifier all(Notifier... notifiers) {
    java.util.List<Notifier> all = java.util.List.of(notifiers);
    return (tx, subject, notification) -> {
      for (Notifier n : all) {
        n.publish(tx, subject, notification);
      }
    };
  }
}
