package org.nfpvnfm.tosca;

/**
 * Every diagnostic the front end and the NFP engine can report, with a stable id. Ids never change
 * meaning once published; new problems get new ids. Ranges: 1xx YAML, 2xx packages (CSAR), 3xx
 * imports, 4xx TOSCA structure and types, 5xx intrinsic functions, 6xx the NFP extension; {@code
 * NFP0xx} the NFP engine, which checks the rules of a graph against each other. {@code
 * docs/diagnostics.md} lists them all.
 */
public enum DiagnosticCode {
  // 1xx: reading YAML safely
  YAML_SYNTAX("TOSCA100", Severity.ERROR, "the file is not well-formed YAML"),
  YAML_DUPLICATE_KEY("TOSCA101", Severity.ERROR, "a mapping has the same key twice"),
  YAML_TOO_MANY_ALIASES("TOSCA102", Severity.ERROR, "too many aliases (an alias bomb)"),
  YAML_TOO_DEEP("TOSCA103", Severity.ERROR, "nesting deeper than the limit"),
  YAML_TOO_LARGE("TOSCA104", Severity.ERROR, "file or expanded document larger than the limit"),
  YAML_INVALID_ENCODING("TOSCA105", Severity.ERROR, "the file is not valid UTF-8"),
  YAML_NOT_A_MAP("TOSCA106", Severity.ERROR, "the document is not a YAML mapping"),

  // 2xx: packages (ETSI SOL004 CSAR, zip or folder)
  PKG_NOT_ZIP("TOSCA200", Severity.ERROR, "the package is not a readable zip file"),
  PKG_NO_METADATA("TOSCA201", Severity.ERROR, "no TOSCA.meta and no single root-level YAML file"),
  PKG_METADATA_INVALID("TOSCA202", Severity.ERROR, "TOSCA-Metadata/TOSCA.meta is malformed"),
  PKG_METADATA_MISSING_KEY("TOSCA203", Severity.ERROR, "TOSCA.meta lacks a required key"),
  PKG_ENTRY_NOT_FOUND("TOSCA204", Severity.ERROR, "the entry definitions file does not exist"),
  PKG_AMBIGUOUS_ROOT("TOSCA205", Severity.ERROR, "more than one root-level YAML file"),
  PKG_UNSAFE_PATH("TOSCA206", Severity.ERROR, "a path escapes the package root"),
  PKG_TOO_LARGE("TOSCA207", Severity.ERROR, "the package exceeds a size limit (zip bomb)"),
  PKG_MANIFEST_INVALID("TOSCA208", Severity.ERROR, "the manifest file is malformed"),
  PKG_HASH_MISMATCH("TOSCA209", Severity.ERROR, "a file does not match its manifest hash"),
  PKG_FILE_MISSING("TOSCA210", Severity.ERROR, "a file the package names does not exist"),
  PKG_ARTIFACT_MISSING("TOSCA211", Severity.ERROR, "an artifact file does not exist"),

  // 3xx: imports
  IMPORT_NOT_FOUND("TOSCA300", Severity.ERROR, "an imported file does not exist"),
  IMPORT_UNSAFE_PATH("TOSCA301", Severity.ERROR, "an import is absolute or leaves the package"),
  IMPORT_CYCLE("TOSCA302", Severity.ERROR, "files import each other in a cycle"),
  IMPORT_NETWORK("TOSCA303", Severity.ERROR, "an import needs the network"),
  IMPORT_INVALID("TOSCA304", Severity.ERROR, "an import entry is malformed"),

  // 4xx: TOSCA structure, types and templates
  VERSION_MISSING("TOSCA400", Severity.ERROR, "tosca_definitions_version is missing"),
  VERSION_INVALID("TOSCA401", Severity.ERROR, "tosca_definitions_version is not supported"),
  UNKNOWN_FIELD("TOSCA402", Severity.ERROR, "a key the grammar does not allow here"),
  MISSING_FIELD("TOSCA403", Severity.ERROR, "a required key is missing"),
  WRONG_KIND("TOSCA404", Severity.ERROR, "a value has the wrong YAML shape"),
  UNKNOWN_TYPE("TOSCA405", Severity.ERROR, "a type that is not defined"),
  TYPE_CYCLE("TOSCA406", Severity.ERROR, "a type derives from itself"),
  MISSING_PROPERTY("TOSCA410", Severity.ERROR, "a required property has no value"),
  UNKNOWN_PROPERTY("TOSCA411", Severity.ERROR, "a property the type does not define"),
  INVALID_VALUE("TOSCA412", Severity.ERROR, "a value does not fit its declared type"),
  CONSTRAINT_VIOLATION("TOSCA413", Severity.ERROR, "a value breaks a constraint"),
  INVALID_SCALAR_UNIT("TOSCA414", Severity.ERROR, "a scalar-unit value is malformed"),
  UNKNOWN_INPUT("TOSCA415", Severity.ERROR, "get_input names an undefined input"),
  MISSING_INPUT("TOSCA416", Severity.ERROR, "a required input is not declared"),
  REQUIREMENT_OCCURRENCES(
      "TOSCA420", Severity.ERROR, "a requirement is used the wrong number of times"),
  UNKNOWN_REQUIREMENT("TOSCA421", Severity.WARNING, "a requirement the type does not define"),
  UNKNOWN_NODE_TEMPLATE(
      "TOSCA422", Severity.ERROR, "a reference to a node template that does not exist"),
  UNKNOWN_CAPABILITY("TOSCA423", Severity.ERROR, "a capability the node does not have"),
  UNKNOWN_ATTRIBUTE("TOSCA424", Severity.ERROR, "an attribute the node does not have"),
  UNKNOWN_OPERATION("TOSCA425", Severity.ERROR, "an interface operation that is not defined"),
  REQUIREMENT_OPEN(
      "TOSCA426",
      Severity.WARNING,
      "a Tacker (NFV profile) node leaves a requirement for deployment to fill"),
  SUBSTITUTION_INVALID("TOSCA430", Severity.ERROR, "substitution_mappings is malformed"),
  GROUP_INVALID("TOSCA432", Severity.ERROR, "a group's members are wrong"),
  POLICY_INVALID("TOSCA433", Severity.ERROR, "a policy's targets are wrong"),

  // 5xx: intrinsic functions
  INVALID_FUNCTION("TOSCA500", Severity.ERROR, "an intrinsic function has bad arguments"),

  // 6xx: the NFP extension
  NFP_UNKNOWN_PROFILE("TOSCA600", Severity.ERROR, "an action profile name that is not built in"),
  NFP_INVALID_PROFILE("TOSCA601", Severity.ERROR, "an action profile is malformed"),
  NFP_UNKNOWN_NF("TOSCA602", Severity.ERROR, "an NFP rule names an NF that is not in the graph"),
  NFP_INVALID_RULE("TOSCA603", Severity.ERROR, "an NFP rule is malformed"),
  NFP_NO_PROFILE("TOSCA604", Severity.WARNING, "an NF in a forwarding graph has no action profile"),
  NFP_INVALID_GRAPH(
      "TOSCA605", Severity.ERROR, "a forwarding graph, path or classifier is malformed"),

  // NFP0xx: the NFP engine (nfp-engine), which sees all rules of a graph together
  ENGINE_ORDER_CYCLE("NFP001", Severity.ERROR, "order (or assign) rules form a cycle"),
  ENGINE_POSITION_CONFLICT(
      "NFP002",
      Severity.ERROR,
      "two NFs are both pinned first or both last, or one is pinned both"),
  ENGINE_POSITION_CONTRADICTS_ORDER(
      "NFP003", Severity.ERROR, "a position rule contradicts an order rule"),
  ENGINE_PRIORITY_CYCLE("NFP004", Severity.ERROR, "priority rules go both ways or form a cycle"),
  ENGINE_UNKNOWN_NF("NFP005", Severity.ERROR, "a rule names an NF that is not in the graph"),
  ENGINE_NO_PROFILE(
      "NFP006", Severity.WARNING, "an NF has no action profile, so it runs sequentially"),
  ENGINE_ASSIGN_CONFLICT(
      "NFP007", Severity.ERROR, "two NFs assigned the same index, or one NF two indexes"),
  ENGINE_ORDER_CONTRADICTS_TOGETHER(
      "NFP008",
      Severity.ERROR,
      "an order rule relates NFs that priority or a parallel position runs together"),
  ENGINE_TOGETHER_CONFLICT(
      "NFP009",
      Severity.ERROR,
      "NFs run together write the same field or both add/remove headers, with no priority"),
  NF_UNKNOWN_FUNCTION(
      "NFP010",
      Severity.ERROR,
      "an action profile names an NF implementation that is not installed"),
  NF_BAD_CONFIG("NFP011", Severity.ERROR, "an NF implementation refuses its configuration"),
  NF_PROFILE_BELOW_IMPLEMENTATION(
      "NFP012",
      Severity.ERROR,
      "the descriptor's profile for an NF does not cover what its implementation declares");

  private final String id;
  private final Severity severity;
  private final String title;

  DiagnosticCode(String id, Severity severity, String title) {
    this.id = id;
    this.severity = severity;
    this.title = title;
  }

  public String id() {
    return id;
  }

  public Severity severity() {
    return severity;
  }

  /** A short phrase saying what the code is about, for the documentation and {@code --json}. */
  public String title() {
    return title;
  }
}
