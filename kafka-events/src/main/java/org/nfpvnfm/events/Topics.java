package org.nfpvnfm.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The topics events are published to. Lifecycle events (instances, operations, graphs, NF runtimes,
 * mergers, alarms) share one topic keyed by VNF instance id, so a consumer reads one instance's
 * history in order from one partition; package events have their own topic keyed by package id;
 * telemetry, a sample stream many consumers ignore, has its own with a shorter retention.
 */
public final class Topics {
  public static final String LIFECYCLE = "nfp.vnf.lifecycle";
  public static final String PACKAGES = "nfp.vnf.packages";
  public static final String TELEMETRY = "nfp.vnf.telemetry";

  /** Every topic, in the order above. */
  public static final List<String> ALL = List.of(LIFECYCLE, PACKAGES, TELEMETRY);

  private static final Duration TELEMETRY_RETENTION = Duration.ofDays(1);

  private Topics() {}

  /**
   * Creates the topics that do not exist yet, with {@code partitions} partitions and as many
   * replicas as the cluster has brokers, up to three ({@code min.insync.replicas} two where there
   * are three, so {@code acks=all} survives one broker's loss). Existing topics are left as they
   * are: an operator may have created them with other settings on purpose.
   *
   * @return the topics this call created
   */
  public static List<String> ensure(KafkaSettings settings, int partitions, Duration timeout)
      throws TimeoutException, InterruptedException {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be 1 or more (got " + partitions + ")");
    }
    Map<String, Object> p = new HashMap<>(settings.clientProperties());
    p.put("client.id", "nfp-topics");
    // The admin client refuses an API timeout shorter than its request timeout.
    int ms = (int) Math.max(1000, timeout.toMillis());
    p.put("default.api.timeout.ms", ms);
    p.put("request.timeout.ms", ms);
    try (Admin admin = Admin.create(p)) {
      Set<String> existing = admin.listTopics().names().get(ms, TimeUnit.MILLISECONDS);
      int brokers = admin.describeCluster().nodes().get(ms, TimeUnit.MILLISECONDS).size();
      short replicas = (short) Math.max(1, Math.min(3, brokers));
      List<NewTopic> missing = new ArrayList<>();
      for (String t : ALL) {
        if (existing.contains(t)) {
          continue;
        }
        Map<String, String> configs = new HashMap<>();
        if (replicas >= 3) {
          configs.put("min.insync.replicas", "2");
        }
        if (t.equals(TELEMETRY)) {
          configs.put("retention.ms", String.valueOf(TELEMETRY_RETENTION.toMillis()));
        }
        missing.add(new NewTopic(t, partitions, replicas).configs(configs));
      }
      List<String> created = new ArrayList<>();
      for (var e : admin.createTopics(missing).values().entrySet()) {
        try {
          e.getValue().get(ms, TimeUnit.MILLISECONDS);
          created.add(e.getKey());
        } catch (ExecutionException x) {
          if (!(x.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException(
                "cannot create topic " + e.getKey() + ": " + String.valueOf(x.getCause()), x);
          }
        }
      }
      return created;
    } catch (ExecutionException x) {
      throw new IllegalStateException(
          "cannot list the topics of " + settings.bootstrapServers() + ": " + x.getCause(), x);
    }
  }
}
