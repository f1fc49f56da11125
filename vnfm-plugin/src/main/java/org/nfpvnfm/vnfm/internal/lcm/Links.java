package org.nfpvnfm.vnfm.internal.lcm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.function.Supplier;
import org.nfpvnfm.vnfm.internal.rest.Json;

/** The {@code _links} of lifecycle resources, absolute under the VNFM's public base URI. */
final class Links {
  static final String ROOT = "vnflcm/v2/";

  private final Supplier<URI> base;

  /** {@code base} is read at each use: the port of a VNFM on port 0 is known once it listens. */
  Links(Supplier<URI> base) {
    this.base = base;
  }

  private String root() {
    String b = base.get().toString();
    return (b.endsWith("/") ? b : b + "/") + ROOT;
  }

  String instanceUri(String id) {
    return root() + "vnf_instances/" + id;
  }

  String opOccUri(String id) {
    return root() + "vnf_lcm_op_occs/" + id;
  }

  static ObjectNode href(String uri) {
    return Json.MAPPER.createObjectNode().put("href", uri);
  }

  /** A VNF instance's document with its links: self and the operations its state allows. */
  ObjectNode instanceDoc(VnfInstance i) {
    ObjectNode doc = Json.MAPPER.valueToTree(i);
    // The package is the VNFM's record; SOL003 v2's VnfInstance has no such attribute.
    doc.remove("vnfPkgId");
    ObjectNode links = doc.putObject("_links");
    String self = instanceUri(i.id());
    links.set("self", href(self));
    if (i.instantiationState().equals(VnfInstance.NOT_INSTANTIATED)) {
      links.set("instantiate", href(self + "/instantiate"));
    } else {
      links.set("terminate", href(self + "/terminate"));
      links.set("scale", href(self + "/scale"));
      links.set("heal", href(self + "/heal"));
      links.set("changeExtConn", href(self + "/change_ext_conn"));
    }
    return doc;
  }

  /** An operation occurrence's document with its links: self, instance, and the tasks allowed. */
  ObjectNode opOccDoc(VnfLcmOpOcc o) {
    ObjectNode doc = Json.MAPPER.valueToTree(o);
    // The steps the VNFM took are served apart (.../steps): SOL003's VnfLcmOpOcc allows no
    // attribute it does not define.
    doc.remove("steps");
    ObjectNode links = doc.putObject("_links");
    String self = opOccUri(o.id());
    links.set("self", href(self));
    links.set("vnfInstance", href(instanceUri(o.vnfInstanceId())));
    switch (o.operationState()) {
      case OperationState.FAILED_TEMP -> {
        links.set("retry", href(self + "/retry"));
        links.set("rollback", href(self + "/rollback"));
        links.set("fail", href(self + "/fail"));
      }
      case OperationState.STARTING, OperationState.PROCESSING, OperationState.ROLLING_BACK ->
          links.set("cancel", href(self + "/cancel"));
      default -> {}
    }
    return doc;
  }
}
