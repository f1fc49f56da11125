package org.nfpvnfm.nf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** The NF types on the class path, by {@link NfProvider#type()}. */
public final class NfRegistry {
  private final Map<String, NfProvider> providers;

  private NfRegistry(Map<String, NfProvider> providers) {
    this.providers = providers;
  }

  /**
   * Every provider {@link ServiceLoader} finds with {@code loader}.
   *
   * @throws IllegalStateException when two providers claim one type
   */
  public static NfRegistry load(ClassLoader loader) {
    Map<String, NfProvider> found = new LinkedHashMap<>();
    for (NfProvider p : ServiceLoader.load(NfProvider.class, loader)) {
      NfProvider earlier = found.putIfAbsent(p.type(), p);
      if (earlier != null) {
        throw new IllegalStateException(
            "NF type "
                + p.type()
                + " is provided twice: by "
                + earlier.getClass().getName()
                + " and "
                + p.getClass().getName());
      }
    }
    return new NfRegistry(found);
  }

  public static NfRegistry load() {
    return load(NfRegistry.class.getClassLoader());
  }

  public Optional<NfProvider> find(String type) {
    return Optional.ofNullable(providers.get(type));
  }

  public List<String> types() {
    return List.copyOf(providers.keySet());
  }
}
