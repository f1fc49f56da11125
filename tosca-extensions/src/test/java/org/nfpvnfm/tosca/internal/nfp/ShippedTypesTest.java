package org.nfpvnfm.tosca.internal.nfp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.nfpvnfm.tosca.nfp.Access;
import org.nfpvnfm.tosca.nfp.PacketField;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The type files we ship define the names and enum values the extractor relies on. */
class ShippedTypesTest {

  private static Map<?, ?> load(String resource) throws IOException {
    try (InputStream in =
        Objects.requireNonNull(ShippedTypesTest.class.getResourceAsStream(resource), resource)) {
      return (Map<?, ?>) new Load(LoadSettings.builder().build()).loadFromInputStream(in);
    }
  }

  @SuppressWarnings("unchecked") // YAML mapping keys of type files are strings
  private static Map<String, ?> section(Map<?, ?> doc, String key) {
    return (Map<String, ?>) Objects.requireNonNull(doc.get(key), key);
  }

  @Test
  void nfpTypesDefineEveryPolicyTheExtractorReads() throws IOException {
    Map<?, ?> doc = load("/org/nfpvnfm/tosca/types/nfp_types.yaml");
    assertThat(doc.get("tosca_definitions_version")).isEqualTo("tosca_simple_yaml_1_3");
    assertThat(section(doc, "policy_types").keySet())
        .containsExactlyInAnyOrder(
            NfpExtractor.ACTION_PROFILE,
            NfpExtractor.RULE,
            NfpExtractor.ASSIGN,
            NfpExtractor.ORDER,
            NfpExtractor.PRIORITY,
            NfpExtractor.POSITION);
  }

  @Test
  void fieldActionsCoverEveryPacketFieldWithEveryAccess() throws IOException {
    Map<?, ?> doc = load("/org/nfpvnfm/tosca/types/nfp_types.yaml");
    Map<String, ?> fields =
        section(section(section(doc, "data_types"), "nfp.datatypes.FieldActions"), "properties");
    for (PacketField f : PacketField.values()) {
      Map<String, ?> def = section(fields, f.key());
      List<?> constraints = (List<?>) Objects.requireNonNull(def.get("constraints"));
      assertThat(((Map<?, ?>) constraints.get(0)).get("valid_values"))
          .asList()
          .containsExactlyInAnyOrder(
              Access.NONE.key(), Access.READ.key(), Access.WRITE.key(), Access.READ_WRITE.key());
    }
    assertThat(fields).hasSize(PacketField.values().length);
  }

  @Test
  void nfpTypesDeriveOnlyFromNormativeRootsOrThemselves() throws IOException {
    Map<?, ?> doc = load("/org/nfpvnfm/tosca/types/nfp_types.yaml");
    for (String kind : List.of("data_types", "policy_types")) {
      section(doc, kind)
          .values()
          .forEach(
              def ->
                  assertThat(String.valueOf(((Map<?, ?>) def).get("derived_from")))
                      .matches("tosca\\.(policies|datatypes)\\.Root|nfp\\..*"));
    }
    assertThat(doc.get("imports")).isNull();
  }

  @Test
  void nsdTypesDefineTheForwardingGraphTypes() throws IOException {
    Map<?, ?> doc = load("/org/nfpvnfm/tosca/types/etsi/etsi_nfv_sol001_nsd_types.yaml");
    assertThat(doc.get("imports")).isEqualTo(List.of("etsi_nfv_sol001_common_types.yaml"));
    assertThat(section(doc, "node_types").keySet())
        .contains(
            "tosca.nodes.nfv.NS",
            "tosca.nodes.nfv.Sap",
            "tosca.nodes.nfv.NsVirtualLink",
            NfpExtractor.SOL_NFP,
            NfpExtractor.NFP_POSITION,
            NfpExtractor.NFP_POSITION_ELEMENT,
            NfpExtractor.FORWARDING);
    assertThat(section(doc, "group_types").keySet()).containsExactly(NfpExtractor.VNFFG);
    assertThat(section(doc, "policy_types").keySet()).containsExactly(NfpExtractor.NFP_RULE);
    Map<String, ?> position =
        section(section(section(doc, "node_types"), NfpExtractor.NFP_POSITION), "properties");
    assertThat(position.toString()).contains("valid_values=[all, lb]");
  }
}
