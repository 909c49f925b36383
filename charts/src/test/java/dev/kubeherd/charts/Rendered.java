package dev.kubeherd.charts;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.stream.Collectors;

/** What one {@code helm template} call rendered, as typed fabric8 objects. */
record Rendered(String chart, String namespace, List<HasMetadata> objects) {

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The only object of {@code type}; fails when there is none or more than one. */
  <T extends HasMetadata> T one(Class<T> type) {
    List<T> found = all(type);
    if (found.size() != 1) {
      throw new AssertionError(
          chart
              + " rendered "
              + found.size()
              + " "
              + type.getSimpleName()
              + " objects: "
              + names(found));
    }
    return found.get(0);
  }

  <T extends HasMetadata> T named(Class<T> type, String name) {
    return all(type).stream()
        .filter(o -> name.equals(o.getMetadata().getName()))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    chart
                        + " rendered no "
                        + type.getSimpleName()
                        + " named "
                        + name
                        + "; it has "
                        + names(all(type))));
  }

  private static String names(List<? extends HasMetadata> objects) {
    return objects.stream().map(o -> o.getMetadata().getName()).collect(Collectors.joining(", "));
  }
}
