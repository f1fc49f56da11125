package org.nfpvnfm.nf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.tosca.Diagnostic;
import org.nfpvnfm.tosca.LoadResult;
import org.nfpvnfm.tosca.ToscaLoader;

/** The implementations a descriptor names are checked where it is validated. */
class FunctionCheckTest {
  @TempDir Path dir;

  private LoadResult load(String policies) throws IOException {
    String yaml =
        """
        tosca_definitions_version: tosca_simple_yaml_1_3
        topology_template:
          node_templates:
            FW: { type: tosca.nodes.Compute }
            GW: { type: tosca.nodes.Compute }
          groups:
            chain: { type: tosca.groups.Root, members: [ FW, GW ] }
          policies:
        %s
            - fw_before_gw:
                type: nfp.policies.Order
                properties: { nf: FW, relation: before, other: GW }
                targets: [ chain ]
        """
            .formatted(policies.indent(4).stripTrailing());
    Path file = Files.writeString(dir.resolve("d.yaml"), yaml);
    return ToscaLoader.create().load(file);
  }

  private static List<String> codes(List<Diagnostic> ds) {
    return ds.stream().map(d -> d.code().id() + " " + d.message()).toList();
  }

  @Test
  void acceptsInstalledImplementationsWithValidConfigurations() throws IOException {
    LoadResult loaded =
        load(
            """
            - fw_profile:
                type: nfp.policies.ActionProfile
                properties:
                  profile: firewall
                  function: firewall
                  config: { rules: [ "-A FORWARD -p tcp --dport 22 -j DROP" ] }
                targets: [ FW ]
            - gw_profile:
                type: nfp.policies.ActionProfile
                properties: { profile: gateway, function: gateway,
                              config: { policies: [ "from 10.0.0.0/8 to any class inside" ] } }
                targets: [ GW ]
            """);
    assertThat(loaded.errors()).isEmpty();
    assertThat(loaded.nfpModel().orElseThrow().nf("FW").orElseThrow().implementation())
        .extracting(i -> i == null ? null : i.function())
        .isEqualTo("firewall");
    assertThat(new FunctionCheck().check(loaded)).isEmpty();
  }

  @Test
  void reportsAnUnknownFunctionABadConfigurationAndAProfileBelowTheImplementation()
      throws IOException {
    LoadResult loaded =
        load(
            """
            - fw_profile:
                type: nfp.policies.ActionProfile
                properties:
                  profile: gateway
                  function: firewall
                  config: { rules: [ "-A FORWARD --dport 22 -j MAYBE" ] }
                targets: [ FW ]
            - gw_profile:
                type: nfp.policies.ActionProfile
                properties: { profile: gateway, function: no_such_nf }
                targets: [ GW ]
            """);
    List<String> found = codes(new FunctionCheck().check(loaded));
    assertThat(found).hasSize(3);
    assertThat(found.get(0)).startsWith("NFP011 NF \"FW\" (function firewall): ");
    assertThat(found.get(1))
        .startsWith("NFP012 NF \"FW\": its implementation firewall")
        .contains("drops packets");
    assertThat(found.get(2))
        .startsWith("NFP010 NF \"GW\": function \"no_such_nf\" is not installed (installed: ")
        .contains("firewall");
  }

  @Test
  void theFrontEndRefusesConfigWithoutAFunction() throws IOException {
    LoadResult loaded =
        load(
            """
            - fw_profile:
                type: nfp.policies.ActionProfile
                properties: { profile: firewall, config: { rules: [ ] } }
                targets: [ FW ]
            """);
    assertThat(loaded.errors())
        .extracting(Diagnostic::message)
        .anyMatch(m -> m.contains("gives config but no function"));
  }
}
