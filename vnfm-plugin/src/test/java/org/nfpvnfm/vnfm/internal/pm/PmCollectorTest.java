package org.nfpvnfm.vnfm.internal.pm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.dpdk.Eal;
import org.nfpvnfm.dpdk.node.NodeStats;
import org.nfpvnfm.engine.NfpCompiler;
import org.nfpvnfm.engine.ServiceGraph;
import org.nfpvnfm.tosca.nfp.NfpModel;
import org.nfpvnfm.vnfm.OnEachDatabase;
import org.nfpvnfm.vnfm.TestDatabase;
import org.nfpvnfm.vnfm.TestDataplane;
import org.nfpvnfm.vnfm.VnfmConfig;
import org.nfpvnfm.vnfm.internal.fm.NodeCounters;
import org.nfpvnfm.vnfm.internal.nodes.ComputeNode;
import org.nfpvnfm.vnfm.internal.nodes.ComputeNodes;
import org.nfpvnfm.vnfm.internal.nodes.LocalComputeNode;
import org.nfpvnfm.vnfm.internal.store.Database;

/**
 * The PM collector on a real node and a real database (H2 and PostgreSQL), driven round by round:
 * every due job and threshold shares one read of the node's counters, a report and its notification
 * are stored in one transaction, and a threshold's side survives a restart so a crossing is not
 * announced twice.
 */
class PmCollectorTest {
  @TempDir Path dir;

  private final List<String> heard = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger reads = new AtomicInteger();

  @SuppressWarnings("NullAway.Init")
  private Database db;

  @SuppressWarnings("NullAway.Init")
  private LocalComputeNode local;

  @BeforeAll
  static void eal() {
    Eal.startForTests();
  }

  @AfterEach
  void close() {
    local.close();
    db.close();
  }

  /** The local node, its counters' reads counted. */
  private ComputeNodes nodes() {
    ComputeNode counted =
        new ComputeNode() {
          @Override
          public String name() {
            return local.name();
          }

          @Override
          public String location() {
            return local.location();
          }

          @Override
          public int workers() {
            return local.workers();
          }

          @Override
          public void deploy(String deployment, ServiceGraph graph, @Nullable NfpModel model) {
            local.deploy(deployment, graph, model);
          }

          @Override
          public void undeploy(String deployment) {
            local.undeploy(deployment);
          }

          @Override
          public void setMergers(String deployment, int mergers) {
            local.setMergers(deployment, mergers);
          }

          @Override
          public List<String> deployments() {
            return local.deployments();
          }

          @Override
          public NodeStats stats() {
            reads.incrementAndGet();
            return local.stats();
          }

          @Override
          public void close() {}
        };
    return new ComputeNodes(List.of(counted));
  }

  private PmCollector collector() {
    PmListener recording =
        new PmListener() {
          @Override
          public void reportAvailable(Connection tx, String pmJobId, ObjectNode n)
              throws SQLException {
            String report = n.path("_links").path("performanceReport").path("href").asText();
            String reportId = report.substring(report.lastIndexOf('/') + 1);
            // The report is in the notification's transaction, not yet committed.
            heard.add(
                "report "
                    + pmJobId
                    + " "
                    + n.path("notificationType").asText()
                    + " "
                    + n.path("objectInstanceId").asText()
                    + (PmStore.report(tx, pmJobId, reportId).isPresent() ? " stored" : " missing"));
          }

          @Override
          public void thresholdCrossed(Connection tx, String thresholdId, ObjectNode n) {
            heard.add(
                "crossed "
                    + thresholdId
                    + " "
                    + n.path("crossingDirection").asText()
                    + " "
                    + n.path("subObjectInstanceId").asText());
          }
        };
    return new PmCollector(
        db,
        new NodeCounters(nodes(), "the test"),
        recording,
        new PmLinks(() -> URI.create("http://vnfm.example.net/")),
        Duration.ofMillis(1));
  }

  private PmJob job(String instance, List<String> metrics) {
    PmJob j =
        new PmJob(
            UUID.randomUUID().toString(),
            "Vnf",
            List.of(instance),
            null,
            new PmJob.Criteria(metrics, null, 1, 1, null),
            "http://nfvo.example.net/callback");
    db.inTransaction(
        tx -> {
          PmStore.insert(tx, j, null);
        });
    return j;
  }

  private int reportRows() {
    return db.inTransaction(
        tx -> {
          try (PreparedStatement p = tx.prepareStatement("SELECT COUNT(*) FROM pm_reports");
              ResultSet r = p.executeQuery()) {
            r.next();
            return r.getInt(1);
          }
        });
  }

  @OnEachDatabase
  void sharesOneReadPerNodeAndStoresEachReportWithItsNotification(TestDatabase database)
      throws Exception {
    db = database.open(dir);
    local =
        LocalComputeNode.start(
            new VnfmConfig.LocalNodeConfig(true, "net_null0", "", 2, Eal.testArguments()));
    String id = UUID.randomUUID().toString();
    TestDataplane.instantiate(
        db,
        local,
        id,
        TestDataplane.twoNfs(NfpCompiler.Plan.SEQUENTIAL),
        TestDataplane.passingExcept("B", batch -> {}));
    List<PmJob> jobs =
        List.of(
            job(id, List.of("VNF.nfp.packets.delivered")),
            job(id, List.of("VNF.nfp.nf.passed")),
            job(id, List.of("VNF.nfp.latency.p99")));
    PmCollector collector = collector();

    collector.tick();
    assertThat(reads.get())
        .as("node reads for three jobs due and the thresholds' evaluation in one round")
        .isEqualTo(1);

    TestDataplane.await(
        () -> {
          collector.tick();
          return reportRows();
        },
        n -> n >= 3,
        "a report of each job");
    for (PmJob j : jobs) {
      assertThat(heard)
          .contains(
              "report "
                  + j.id()
                  + " PerformanceInformationAvailableNotification "
                  + id
                  + " stored");
    }
  }

  @OnEachDatabase
  void aCrossingIsAnnouncedOnceEvenAcrossARestart(TestDatabase database) throws Exception {
    db = database.open(dir);
    local =
        LocalComputeNode.start(
            new VnfmConfig.LocalNodeConfig(true, "net_null0", "", 2, Eal.testArguments()));
    String id = UUID.randomUUID().toString();
    TestDataplane.instantiate(
        db,
        local,
        id,
        TestDataplane.twoNfs(NfpCompiler.Plan.SEQUENTIAL),
        TestDataplane.passingExcept("B", TestDataplane.throwing(() -> true, "B fails")));
    Threshold t =
        new Threshold(
            UUID.randomUUID().toString(),
            "Vnf",
            id,
            null,
            new Threshold.Criteria("VNF.nfp.nf.failed", "SIMPLE", new Threshold.Simple(100, 10)),
            "http://nfvo.example.net/callback");
    db.inTransaction(
        tx -> {
          PmStore.insert(tx, t, null);
        });

    PmCollector first = collector();
    TestDataplane.await(
        () -> {
          first.tick();
          return List.copyOf(heard);
        },
        h -> !h.isEmpty(),
        "B's failures crossing the threshold");
    assertThat(heard).containsExactly("crossed " + t.id() + " UP " + id + ".ab/B");

    // A new collector over the same database, as after a restart: B still fails, still above.
    PmCollector second = collector();
    long failedBefore = failed(id);
    TestDataplane.await(
        () -> {
          second.tick();
          return failed(id);
        },
        f -> f > failedBefore + 1000,
        "B failing on while the second collector evaluates");
    assertThat(heard).as("crossings after the restart").hasSize(1);
    assertThat(
            db.inTransaction(
                    tx -> {
                      return PmStore.state(tx, t.id());
                    })
                .crossings())
        .hasSize(1);
  }

  private long failed(String id) {
    return local.stats().nfs().stream()
        .filter(n -> n.graph().equals(id + ".ab") && n.name().equals("B"))
        .mapToLong(NodeStats.Nf::failed)
        .sum();
  }
}
