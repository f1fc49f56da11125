package org.nfpvnfm.vnfm.contract;

import com.atlassian.oai.validator.schema.SwaggerV20Library;
import com.github.fge.jackson.NodeType;
import com.github.fge.jsonschema.cfg.ValidationConfiguration;
import com.github.fge.jsonschema.core.exceptions.ProcessingException;
import com.github.fge.jsonschema.core.report.ListReportProvider;
import com.github.fge.jsonschema.core.report.LogLevel;
import com.github.fge.jsonschema.core.report.ProcessingReport;
import com.github.fge.jsonschema.format.AbstractFormatAttribute;
import com.github.fge.jsonschema.format.common.URIAttribute;
import com.github.fge.jsonschema.main.JsonSchemaFactory;
import com.github.fge.jsonschema.processors.data.FullData;
import com.github.fge.msgsimple.bundle.MessageBundle;
import com.github.fge.msgsimple.load.MessageBundles;
import com.google.common.net.InetAddresses;
import java.util.regex.Pattern;

/**
 * The string formats ETSI's documents use that JSON Schema does not define: {@code URI} (674 times
 * in the lifecycle document), {@code url}, {@code IP} and {@code MAC}. The schema library skips a
 * format it does not know with a warning, which the validator drops, so without these they would
 * check nothing. They are checked as SOL013's simple types describe them: Uri a URI reference (RFC
 * 3986), IpAddress an IPv4 or IPv6 address, MacAddress six groups of two hexadecimal digits
 * separated by hyphens or colons.
 */
final class EtsiFormats {
  private EtsiFormats() {}

  /**
   * The validator's own schema factory (SwaggerV20Library: draft 4, OpenAPI's int32/int64/float/
   * double/date/byte, nullable and discriminator; only errors reported) with the ETSI formats.
   */
  static JsonSchemaFactory schemaFactory() {
    return JsonSchemaFactory.newBuilder()
        .setValidationConfiguration(
            ValidationConfiguration.newBuilder()
                .setDefaultLibrary(
                    SwaggerV20Library.OAI_V2_METASCHEMA_URI,
                    SwaggerV20Library.get()
                        .thaw()
                        .addFormatAttribute("URI", URIAttribute.getInstance())
                        .addFormatAttribute("url", URIAttribute.getInstance())
                        .addFormatAttribute("IP", new IpAddress())
                        .addFormatAttribute("MAC", new MacAddress())
                        .freeze())
                .setSyntaxMessages(MessageBundles.getBundle(SwaggerV20Library.SyntaxBundle.class))
                .setValidationMessages(
                    MessageBundles.getBundle(SwaggerV20Library.ValidationBundle.class))
                .freeze())
        .setReportProvider(new ListReportProvider(LogLevel.ERROR, LogLevel.FATAL))
        .freeze();
  }

  /** SOL003's IpAddress: an IPv4 address in dotted decimal or an IPv6 address (RFC 5952). */
  static final class IpAddress extends AbstractFormatAttribute {
    IpAddress() {
      super("IP", NodeType.STRING);
    }

    @Override
    public void validate(ProcessingReport report, MessageBundle bundle, FullData data)
        throws ProcessingException {
      String value = data.getInstance().getNode().textValue();
      // Guava parses literals only: no name is ever looked up.
      if (!InetAddresses.isInetAddress(value)) {
        report.error(
            newMsg(data, bundle, "err.format.etsi.ip")
                .setMessage("string \"" + value + "\" is not an IPv4 or IPv6 address"));
      }
    }
  }

  /** SOL003's MacAddress: six groups of two hexadecimal digits, one kind of separator. */
  static final class MacAddress extends AbstractFormatAttribute {
    private static final Pattern MAC =
        Pattern.compile("[0-9A-Fa-f]{2}([-:])[0-9A-Fa-f]{2}(\\1[0-9A-Fa-f]{2}){4}");

    MacAddress() {
      super("MAC", NodeType.STRING);
    }

    @Override
    public void validate(ProcessingReport report, MessageBundle bundle, FullData data)
        throws ProcessingException {
      String value = data.getInstance().getNode().textValue();
      if (!MAC.matcher(value).matches()) {
        report.error(
            newMsg(data, bundle, "err.format.etsi.mac")
                .setMessage("string \"" + value + "\" is not a MAC address"));
      }
    }
  }
}
