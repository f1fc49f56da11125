package org.nfpvnfm.nf.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nfpvnfm.tosca.nfp.Access;
import org.nfpvnfm.tosca.nfp.ActionProfile;
import org.nfpvnfm.tosca.nfp.PacketField;

/**
 * A measured profile against a declared one. Under-declaration is an error: the engine would run
 * the NF in parallel with one whose field it silently writes or reads, and break the
 * result-correctness principle. Over-declaration is a warning: it only costs parallelism (or the
 * sample traffic did not exercise that part of the NF).
 */
public final class ProfileCheck {
  private ProfileCheck() {}

  public enum Severity {
    ERROR,
    WARNING
  }

  public record Finding(Severity severity, String message) {
    @Override
    public String toString() {
      return severity.name().toLowerCase(Locale.ROOT) + ": " + message;
    }
  }

  public static List<Finding> compare(ActionProfile declared, ActionProfile measured) {
    List<Finding> out = new ArrayList<>();
    for (PacketField f : PacketField.values()) {
      Access d = declared.access(f);
      Access m = measured.access(f);
      if (m.reads() && !d.reads()) {
        out.add(
            new Finding(
                Severity.ERROR,
                "reads " + f.key() + " but declares " + d.key() + " (under-declared read)"));
      }
      if (m.writes() && !d.writes()) {
        out.add(
            new Finding(
                Severity.ERROR,
                "writes " + f.key() + " but declares " + d.key() + " (under-declared write)"));
      }
      if (d.reads() && !m.reads()) {
        out.add(new Finding(Severity.WARNING, "declares a read of " + f.key() + " never seen"));
      }
      if (d.writes() && !m.writes()) {
        out.add(new Finding(Severity.WARNING, "declares a write of " + f.key() + " never seen"));
      }
    }
    if (measured.addsOrRemovesHeader() && !declared.addsOrRemovesHeader()) {
      out.add(new Finding(Severity.ERROR, "adds or removes headers but does not declare it"));
    }
    if (declared.addsOrRemovesHeader() && !measured.addsOrRemovesHeader()) {
      out.add(new Finding(Severity.WARNING, "declares adding or removing headers, never seen"));
    }
    if (measured.mayDrop() && !declared.mayDrop()) {
      out.add(new Finding(Severity.ERROR, "drops packets but does not declare it"));
    }
    if (declared.mayDrop() && !measured.mayDrop()) {
      out.add(new Finding(Severity.WARNING, "declares dropping, never seen"));
    }
    return out;
  }

  /** The profile as the TOSCA policy that declares it (docs/nfp-extension.md §2). */
  public static String toTosca(String policyName, String nf, ActionProfile p) {
    StringBuilder fields = new StringBuilder();
    for (PacketField f : PacketField.values()) {
      Access a = p.access(f);
      if (a != Access.NONE) {
        fields
            .append(fields.length() == 0 ? "" : ", ")
            .append(f.key())
            .append(": ")
            .append(a.key());
      }
    }
    return """
        - %s:
            type: nfp.policies.ActionProfile
            properties:
              fields: { %s }
              add_remove_header: %b
              drop: %b
            targets: [ %s ]
        """
        .formatted(policyName, fields, p.addsOrRemovesHeader(), p.mayDrop(), nf);
  }
}
