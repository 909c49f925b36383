package dev.kubeherd.toolkit.deploy;

/** Renders a chart's manifests without a cluster ({@code helm template}). */
public interface ChartRenderer {
  /**
   * The manifests, as Helm prints them.
   *
   * @throws ChartRenderException when Helm refuses the chart or its values
   */
  String render(ChartRender chart);
}
