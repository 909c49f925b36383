package dev.kubeherd.toolkit.deploy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What {@code helm template} / {@code helm upgrade --install} get for an sdf4k chart. */
public record ChartRender(
    Path chartDir,
    String release,
    String namespace,
    List<Path> valuesFiles,
    Map<String, String> sets) {
  public ChartRender {
    valuesFiles = List.copyOf(valuesFiles);
    sets = Map.copyOf(sets);
  }
}
