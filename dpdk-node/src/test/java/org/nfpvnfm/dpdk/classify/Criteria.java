package org.nfpvnfm.dpdk.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.tosca.SourceLocation;
import org.nfpvnfm.tosca.nfp.Classifier;
import org.nfpvnfm.tosca.nfp.PortRange;

/** Builds a {@link Classifier} for tests, one criterion per call, at a made-up location. */
final class Criteria {

  private final String name;
  private SourceLocation location = new SourceLocation("test.yaml", 1, 1);
  private @Nullable String smac;
  private @Nullable String dmac;
  private @Nullable String etherType;
  private final List<Integer> vlans = new ArrayList<>();
  private @Nullable Integer protocol;
  private @Nullable Integer dscp;
  private @Nullable String srcPrefix;
  private @Nullable String dstPrefix;
  private @Nullable PortRange sports;
  private @Nullable PortRange dports;
  private final Map<String, String> other = new TreeMap<>();

  private Criteria(String name) {
    this.name = name;
  }

  static Criteria named(String name) {
    return new Criteria(name);
  }

  Criteria at(String file, int line, int column) {
    location = new SourceLocation(file, line, column);
    return this;
  }

  Criteria smac(String v) {
    smac = v;
    return this;
  }

  Criteria dmac(String v) {
    dmac = v;
    return this;
  }

  Criteria etherType(String v) {
    etherType = v;
    return this;
  }

  Criteria vlans(Integer... ids) {
    vlans.addAll(List.of(ids));
    return this;
  }

  Criteria protocol(int v) {
    protocol = v;
    return this;
  }

  Criteria dscp(int v) {
    dscp = v;
    return this;
  }

  Criteria src(String prefix) {
    srcPrefix = prefix;
    return this;
  }

  Criteria dst(String prefix) {
    dstPrefix = prefix;
    return this;
  }

  Criteria sports(int low, int high) {
    sports = new PortRange(low, high);
    return this;
  }

  Criteria dports(int low, int high) {
    dports = new PortRange(low, high);
    return this;
  }

  Criteria other(String key, String value) {
    other.put(key, value);
    return this;
  }

  Classifier build() {
    return new Classifier(
        name, smac, dmac, etherType, vlans, protocol, dscp, srcPrefix, dstPrefix, sports, dports,
        other, location);
  }
}
