package org.nfpvnfm.tosca.internal.loader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.tosca.ServiceTemplate;
import org.nfpvnfm.tosca.internal.Diagnostics;
import org.nfpvnfm.tosca.internal.yaml.SafeYamlReader;

/** Chooses how to read what the operator pointed at: a loose YAML file or a package. */
public final class DescriptorLoading {
  private DescriptorLoading() {}

  public static @Nullable ServiceTemplate load(
      Path path, Map<String, @Nullable Object> inputs, SafeYamlReader yaml, Diagnostics diags)
      throws IOException {
    Path abs = path.toAbsolutePath().normalize();
    if (Files.isRegularFile(abs) && !isZip(abs)) {
      Path dir = abs.getParent();
      LooseFiles files = new LooseFiles(dir);
      return new TemplateLoader(files, yaml, diags, false)
          .load(abs.getFileName().toString(), inputs);
    }
    return PackageLoading.load(abs, inputs, yaml, diags);
  }

  static boolean isZip(Path p) throws IOException {
    String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    if (n.endsWith(".zip") || n.endsWith(".csar")) {
      return true;
    }
    try (var in = Files.newInputStream(p)) {
      byte[] magic = in.readNBytes(4);
      return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
    }
  }
}
