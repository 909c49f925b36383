package dev.kubeherd.toolkit.deploy;

import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.ToolkitExitCodes;

/** Helm could not render a chart (exit code 2: the chart or its values are invalid). */
public final class ChartRenderException extends ToolkitException {
  ChartRenderException(ChartRender chart, String helmMessage, Throwable cause) {
    super(
        ToolkitExitCodes.INPUT_MISSING,
        "helm template of "
            + chart.chartDir()
            + " (release "
            + chart.release()
            + ") failed: "
            + helmMessage,
        cause);
  }
}
