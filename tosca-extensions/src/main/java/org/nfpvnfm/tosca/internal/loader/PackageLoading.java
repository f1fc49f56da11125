package org.nfpvnfm.tosca.internal.loader;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.tosca.ServiceTemplate;
import org.nfpvnfm.tosca.internal.Diagnostics;
import org.nfpvnfm.tosca.internal.pkg.OpenedPackage;
import org.nfpvnfm.tosca.internal.pkg.PackageReader;
import org.nfpvnfm.tosca.internal.yaml.SafeYamlReader;

/** Loads the entry definitions of a SOL004 package (zip or folder), confined to the package. */
final class PackageLoading {
  private PackageLoading() {}

  static @Nullable ServiceTemplate load(
      Path path, Map<String, @Nullable Object> inputs, SafeYamlReader yaml, Diagnostics diags) {
    Optional<OpenedPackage> pkg = new PackageReader().open(path, diags);
    if (pkg.isEmpty()) {
      return null;
    }
    return new TemplateLoader(pkg.get().source(), yaml, diags, true)
        .load(pkg.get().entryDefinitions(), inputs);
  }
}
