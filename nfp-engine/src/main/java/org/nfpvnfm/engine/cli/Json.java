package org.nfpvnfm.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.engine.ServiceGraphJson;
import org.nfpvnfm.tosca.Diagnostic;
import org.nfpvnfm.tosca.SourceLocation;

/** JSON pieces both commands write, in the shapes {@code nfp validate --json} already uses. */
final class Json {

  private Json() {}

  /**
   * The service-graph format's own mapper, so that a graph embedded in a document is written
   * exactly as {@link ServiceGraphJson} writes it and reads back with {@link
   * ServiceGraphJson#read}.
   */
  static ObjectMapper mapper() {
    return ServiceGraphJson.mapper();
  }

  /** One diagnostic as {@code validate --json} writes it: code, severity, file, line, ... */
  static void diagnostics(ArrayNode array, List<Diagnostic> diagnostics) {
    for (Diagnostic d : diagnostics) {
      array
          .addObject()
          .put("code", d.code().id())
          .put("severity", d.severity().word())
          .put("file", d.location().file())
          .put("line", d.location().line())
          .put("column", d.location().column())
          .put("message", d.message())
          .put("title", d.code().title());
    }
  }

  /** {@code {"file": ..., "line": ..., "column": ...}}, or JSON null. */
  static void location(ObjectNode parent, String key, @Nullable SourceLocation location) {
    if (location == null) {
      parent.putNull(key);
      return;
    }
    parent
        .putObject(key)
        .put("file", location.file())
        .put("line", location.line())
        .put("column", location.column());
  }
}
