package org.nfpvnfm.tosca.internal.loader;

import java.util.Set;
import org.nfpvnfm.tosca.internal.yaml.YNode;
import org.nfpvnfm.tosca.internal.yaml.YNode.YMap;

/** Recognises TOSCA intrinsic functions: a one-key map whose key is a function name. */
final class Functions {
  static final Set<String> NAMES =
      Set.of(
          "get_input",
          "get_property",
          "get_attribute",
          "get_operation_output",
          "concat",
          "join",
          "token",
          "get_nodes_of_type",
          "get_artifact");

  private Functions() {}

  static boolean isFunction(YNode n) {
    return n instanceof YMap m && m.entries().size() == 1 && NAMES.contains(m.entries().get(0).key());
  }

  static String name(YNode n) {
    return ((YMap) n).entries().get(0).key();
  }

  static YNode args(YNode n) {
    return ((YMap) n).entries().get(0).value();
  }
}
