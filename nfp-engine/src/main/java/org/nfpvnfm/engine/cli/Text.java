package org.nfpvnfm.engine.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.nfpvnfm.engine.CopyKind;
import org.nfpvnfm.engine.Endpoint;
import org.nfpvnfm.engine.GraphNf;
import org.nfpvnfm.engine.GraphNode;
import org.nfpvnfm.engine.Hop;
import org.nfpvnfm.engine.Relation;
import org.nfpvnfm.engine.ServiceGraph;
import org.nfpvnfm.tosca.nfp.Access;
import org.nfpvnfm.tosca.nfp.ActionProfile;
import org.nfpvnfm.tosca.nfp.Classifier;
import org.nfpvnfm.tosca.nfp.PacketField;

/**
 * The words the commands share, so that the report, the explanation, DOT and SVG name things the
 * same way: NFs by name (ids mean nothing to an operator), copies by kind and buffer number.
 */
final class Text {

  private Text() {}

  static String plural(long n, String noun) {
    return plural(n, noun, noun + "s");
  }

  static String plural(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  static String nf(ServiceGraph graph, int id) {
    return graph.nf(id).name();
  }

  static String nfs(ServiceGraph graph, List<Integer> ids) {
    return ids.stream().map(id -> nf(graph, id)).collect(Collectors.joining(", "));
  }

  /** {@code classifier}, the NF's name, {@code merger 0}, {@code egress}. */
  static String endpoint(ServiceGraph graph, Endpoint endpoint) {
    return endpoint.kind() == Endpoint.Kind.NF ? nf(graph, endpoint.id()) : endpoint.toString();
  }

  /** {@code shared}, {@code header copy}, {@code full copy}. */
  static String copy(CopyKind kind) {
    return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /** The short form drawings use: {@code shared}, {@code hdr copy}, {@code copy}. */
  static String copyShort(CopyKind kind) {
    return switch (kind) {
      case SHARED -> "shared";
      case HEADER_COPY -> "hdr copy";
      case FULL_COPY -> "copy";
    };
  }

  /** {@code shared buf 0}, {@code header copy buf 1 from 0}. */
  static String buffer(CopyKind kind, int buffer, int source) {
    return kind == CopyKind.SHARED
        ? "shared buf " + buffer
        : copy(kind) + " buf " + buffer + " from " + source;
  }

  /** {@code -> FW [shared buf 0]}: one hop of the forwarding table. */
  static String hop(ServiceGraph graph, Hop hop) {
    return "-> "
        + endpoint(graph, hop.to())
        + " ["
        + buffer(hop.copy(), hop.buffer(), hop.source())
        + "]";
  }

  /** {@code parallel}, {@code copy-parallel}, {@code sequential}. */
  static String relation(Relation relation) {
    return switch (relation) {
      case PARALLEL -> "parallel";
      case PARALLEL_WITH_COPY -> "copy-parallel";
      case SEQUENTIAL -> "sequential";
    };
  }

  /**
   * {@code R sip dip protocol; RW payload; A; D}: a profile's accesses grouped by kind, fields in
   * packet order.
   */
  static String accesses(ActionProfile profile) {
    List<String> parts = new ArrayList<>();
    for (Access access : List.of(Access.READ, Access.WRITE, Access.READ_WRITE)) {
      String fields =
          profile.fields().entrySet().stream()
              .filter(e -> e.getValue() == access)
              .map(e -> e.getKey().key())
              .collect(Collectors.joining(" "));
      if (!fields.isEmpty()) {
        parts.add(access.key().toUpperCase(Locale.ROOT) + " " + fields);
      }
    }
    if (profile.addsOrRemovesHeader()) {
      parts.add("A");
    }
    if (profile.mayDrop()) {
      parts.add("D");
    }
    return parts.isEmpty() ? "touches nothing" : String.join("; ", parts);
  }

  /** The profile's name, or what the engine assumed for an NF without one. */
  static String profileName(GraphNf nf) {
    return nf.declaredProfile() ? nf.profile().name() : "no profile";
  }

  /**
   * {@code branch_web: ip_proto 6, src 172.16.0.0/12, dport 80-443}: the match fields a classifier
   * sets, in the descriptor's words.
   */
  static String classifier(Classifier c) {
    List<String> match = new ArrayList<>();
    if (c.sourceMac() != null) {
      match.add("eth_src " + c.sourceMac());
    }
    if (c.destinationMac() != null) {
      match.add("eth_dst " + c.destinationMac());
    }
    if (c.etherType() != null) {
      match.add("eth_type " + c.etherType());
    }
    if (!c.vlanIds().isEmpty()) {
      match.add(
          "vlan " + c.vlanIds().stream().map(String::valueOf).collect(Collectors.joining(",")));
    }
    if (c.ipProtocol() != null) {
      match.add("ip_proto " + c.ipProtocol());
    }
    if (c.dscp() != null) {
      match.add("dscp " + c.dscp());
    }
    if (c.sourcePrefix() != null) {
      match.add("src " + c.sourcePrefix());
    }
    if (c.destinationPrefix() != null) {
      match.add("dst " + c.destinationPrefix());
    }
    if (c.sourcePorts() != null) {
      match.add("sport " + c.sourcePorts().low() + "-" + c.sourcePorts().high());
    }
    if (c.destinationPorts() != null) {
      match.add("dport " + c.destinationPorts().low() + "-" + c.destinationPorts().high());
    }
    c.other().forEach((k, v) -> match.add(k + " " + v));
    return c.name() + ": " + (match.isEmpty() ? "any packet" : String.join(", ", match));
  }

  /** The graph's shape on one line ({@link ServiceGraph#shape()}). */
  static String shape(ServiceGraph graph) {
    return graph.shape();
  }

  static String shape(ServiceGraph graph, GraphNode node) {
    return graph.shape(node);
  }

  /**
   * {@code 1. VPN 2. MON + FW 3. LB}: the reference chain's steps; {@code +} joins NFs run
   * together.
   */
  static String referenceChain(ServiceGraph graph) {
    List<String> steps = new ArrayList<>();
    List<List<Integer>> chain = graph.referenceChain();
    for (int i = 0; i < chain.size(); i++) {
      steps.add(
          (i + 1)
              + ". "
              + chain.get(i).stream().map(id -> nf(graph, id)).collect(Collectors.joining(" + ")));
    }
    return String.join("  ", steps);
  }

  /** {@code the IPv4 header checksum and the TCP/UDP checksum}, or {@code nothing}. */
  static String checksums(boolean ip, boolean l4) {
    if (ip && l4) {
      return "the IPv4 header checksum and the TCP/UDP checksum";
    }
    if (ip) {
      return "the IPv4 header checksum";
    }
    return l4 ? "the TCP/UDP checksum" : "no checksum (no NF changes a field one covers)";
  }

  /** {@code IP + L4 checksums}: what the egress recomputes, in a drawing's few words. */
  static String checksumsShort(ServiceGraph g) {
    boolean ip = g.egress().recomputeIpChecksum();
    boolean l4 = g.egress().recomputeL4Checksum();
    if (ip && l4) {
      return "IP + L4 checksums";
    }
    if (ip) {
      return "IP checksum";
    }
    return l4 ? "L4 checksum" : "nothing";
  }

  static String field(PacketField field) {
    return field.key();
  }
}
