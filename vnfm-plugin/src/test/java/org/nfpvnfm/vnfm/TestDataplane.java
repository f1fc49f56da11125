package org.nfpvnfm.vnfm;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.nfpvnfm.dpdk.Eal;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.dpdk.nf.NfFactory;
import org.nfpvnfm.dpdk.nf.ProfileNf;
import org.nfpvnfm.engine.Compilation;
import org.nfpvnfm.engine.GraphNf;
import org.nfpvnfm.engine.NfpCompiler;
import org.nfpvnfm.engine.ServiceGraph;
import org.nfpvnfm.tosca.SourceLocation;
import org.nfpvnfm.tosca.nfp.Access;
import org.nfpvnfm.tosca.nfp.ActionProfile;
import org.nfpvnfm.tosca.nfp.ForwardingGraph;
import org.nfpvnfm.tosca.nfp.NfpModel;
import org.nfpvnfm.tosca.nfp.PacketField;
import org.nfpvnfm.vnfm.internal.lcm.LcmPart;
import org.nfpvnfm.vnfm.internal.lcm.Placement;
import org.nfpvnfm.vnfm.internal.lcm.VnfInstance;
import org.nfpvnfm.vnfm.internal.nodes.LocalComputeNode;
import org.nfpvnfm.vnfm.internal.rest.Json;
import org.nfpvnfm.vnfm.internal.store.Database;

/**
 * Test support for what watches the dataplane: a VNFM configuration with a local node, VNF
 * instances recorded as deployed on it, and a two-NF service graph that takes every packet (no
 * classifier criteria, so the 64-byte frames of a {@code net_null} port all enter it), and NF
 * factories that make one NF fail or stall on purpose. NF {@code A} reads the addresses, {@code B}
 * the ports: the parallel plan is {@code {A | B}} (one merger), the sequential plan {@code A -> B}.
 */
public final class TestDataplane {
  private static final SourceLocation HERE = SourceLocation.ofFile("TestDataplane");

  private TestDataplane() {}

  /**
   * {@code c} with a local compute node on the test EAL's {@code net_null0} (start {@link
   * Eal#startForTests()} first, so the VNFM reuses that EAL) and {@code monitoring}.
   */
  public static VnfmConfig withLocalNode(VnfmConfig c, VnfmConfig.MonitoringConfig monitoring) {
    return new VnfmConfig(
        c.dataDir(),
        c.http(),
        c.database(),
        c.security(),
        c.nfvo(),
        new VnfmConfig.NodesConfig(
            new VnfmConfig.LocalNodeConfig(true, "net_null0", "", 2, Eal.testArguments()),
            Map.of()),
        c.notifications(),
        monitoring);
  }

  /** The local node of a VNFM started with {@link #withLocalNode}. */
  public static LocalComputeNode localNode(Vnfm vnfm) {
    LcmPart lcm = Objects.requireNonNull(vnfm.part(LcmPart.class), "the VNFM has no LcmPart");
    return (LocalComputeNode) lcm.nodes().get(LocalComputeNode.NAME).orElseThrow();
  }

  /**
   * Deploys {@code graph} with {@code nfs} on {@code node} as {@code <instanceId>.ab} and records
   * an INSTANTIATED VNF instance {@code instanceId} placed there, as the lifecycle would after an
   * instantiation. Returns the deployment's name.
   */
  public static String instantiate(
      Database db, LocalComputeNode node, String instanceId, ServiceGraph graph, NfFactory nfs) {
    return instantiate(db, node, instanceId, graph, nfs, Map.of());
  }

  /** {@link #instantiate} with the graph's own placement of its tasks on the node's workers. */
  public static String instantiate(
      Database db,
      LocalComputeNode node,
      String instanceId,
      ServiceGraph graph,
      NfFactory nfs,
      Map<String, Integer> workers) {
    String deployment = instanceId + ".ab";
    node.node().deploy(deployment, graph, nfs, workers);
    Placement placement =
        new Placement(
            node.name(),
            List.of(
                new Placement.Deployment(
                    "ab",
                    deployment,
                    graph.shape(),
                    graph.nfs().stream().map(GraphNf::name).toList(),
                    1)),
            graph.plan());
    VnfInstance doc =
        new VnfInstance(
            instanceId,
            "test VNF",
            null,
            "test-vnfd",
            "NFP",
            "test",
            "1.0",
            "1.0",
            null,
            null,
            null,
            VnfInstance.INSTANTIATED,
            null,
            null,
            null);
    db.inTransaction(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "INSERT INTO vnf_instances (id, vnfd_id, instantiation_state, created_at, doc,"
                      + " placement) VALUES (?, ?, ?, ?, ?, ?)")) {
            p.setString(1, instanceId);
            p.setString(2, "test-vnfd");
            p.setString(3, VnfInstance.INSTANTIATED);
            p.setTimestamp(4, Timestamp.from(Instant.now()));
            p.setString(5, json(doc));
            p.setString(6, json(placement));
            p.executeUpdate();
          }
        });
    return deployment;
  }

  /** Undoes {@link #instantiate} as a termination would: undeployed, NOT_INSTANTIATED. */
  public static void terminate(Database db, LocalComputeNode node, String instanceId) {
    node.undeploy(instanceId + ".ab");
    db.inTransaction(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "UPDATE vnf_instances SET instantiation_state = ?, placement = NULL"
                      + " WHERE id = ?")) {
            p.setString(1, VnfInstance.NOT_INSTANTIATED);
            p.setString(2, instanceId);
            p.executeUpdate();
          }
        });
  }

  private static String json(Object o) {
    try {
      return Json.MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * How long {@link #await} waits: far beyond what any watched change takes on a loaded machine.
   */
  public static final Duration DEADLINE = Duration.ofSeconds(30);

  /**
   * Reads {@code read} every 20 ms until {@code until} holds for its value, which it returns; fails
   * saying {@code what} and the last value when {@link #DEADLINE} passes first.
   */
  public static <T> T await(Supplier<T> read, Predicate<T> until, String what)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(DEADLINE);
    T value = read.get();
    while (!until.test(value)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(what + " within " + DEADLINE + "; last seen: " + value);
      }
      Thread.sleep(20);
      value = read.get();
    }
    return value;
  }

  /** A graph that takes every packet: {@code g} without its classifier criteria. */
  public static ServiceGraph catchAll(ServiceGraph g) {
    return new ServiceGraph(
        g.formatVersion(),
        g.name(),
        g.nfs(),
        g.referenceChain(),
        List.of(),
        g.root(),
        g.forwarding(),
        g.merges(),
        g.buffers(),
        g.egress(),
        g.summary());
  }

  /** NFs that pass every packet untouched, except {@code nf}, which is {@code custom}. */
  public static NfFactory passingExcept(String nf, NetworkFunction custom) {
    return (graph, n) -> n.name().equals(nf) ? custom : batch -> {};
  }

  /** The graph in {@code plan}; its NFs are {@code A} and {@code B}. */
  public static ServiceGraph twoNfs(NfpCompiler.Plan plan) {
    ActionProfile a =
        new ActionProfile(
            "a", Map.of(PacketField.SIP, Access.READ, PacketField.DIP, Access.READ), false, false);
    ActionProfile b =
        new ActionProfile(
            "b",
            Map.of(PacketField.SPORT, Access.READ, PacketField.DPORT, Access.READ),
            false,
            false);
    NfpModel model =
        new NfpModel(
            List.of(
                new org.nfpvnfm.tosca.nfp.NetworkFunction("A", null, a, HERE, null),
                new org.nfpvnfm.tosca.nfp.NetworkFunction("B", null, b, HERE, null)),
            List.of(
                new ForwardingGraph(
                    "ab", null, ForwardingGraph.Shape.TACKER, List.of("A", "B"), List.of(), HERE)),
            List.of());
    Compilation c = NfpCompiler.create().plan(plan).compile(model);
    if (!c.ok()) {
      throw new IllegalStateException("the test graph does not compile: " + c.diagnostics());
    }
    return c.serviceGraphs().getFirst();
  }

  /** Profile NFs, except {@code nf}, which is {@code custom}. */
  public static NfFactory with(String nf, NetworkFunction custom) {
    return (graph, n) ->
        n.name().equals(nf) ? custom : new ProfileNf(n.profile(), ProfileNf.seedFor(n.id()));
  }

  /** An NF that throws on every burst while {@code failing} holds, with {@code message}. */
  public static NetworkFunction throwing(
      java.util.function.BooleanSupplier failing, String message) {
    return batch -> {
      if (failing.getAsBoolean()) {
        throw new IllegalStateException(message);
      }
    };
  }

  /** An NF that holds each burst for {@code millis} while {@code slow} holds. */
  public static NetworkFunction sleeping(java.util.function.BooleanSupplier slow, long millis) {
    return batch -> {
      if (slow.getAsBoolean()) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < end) {
          LockSupport.parkNanos(end - System.nanoTime());
        }
      }
    };
  }
}
