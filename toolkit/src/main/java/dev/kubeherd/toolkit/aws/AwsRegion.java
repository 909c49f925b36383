package dev.kubeherd.toolkit.aws;

import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.ToolkitExitCodes;
import java.util.Map;
import java.util.Optional;

/** The AWS region of a toolkit command: the {@code region} setting, else {@code $AWS_REGION}. */
public final class AwsRegion {
  private AwsRegion() {}

  /**
   * @param setting the resolved {@code --region}/{@code KUBEHERD_REGION}/{@code region:} value
   * @throws ToolkitException (exit 1) naming every way to set it when there is none
   */
  public static String resolve(Optional<String> setting, Map<String, String> env) {
    return setting
        .filter(s -> !s.isBlank())
        .or(() -> Optional.ofNullable(env.get("AWS_REGION")).filter(s -> !s.isBlank()))
        .orElseThrow(
            () ->
                new ToolkitException(
                    ToolkitExitCodes.ERROR,
                    "no AWS region: pass --region, set KUBEHERD_REGION or AWS_REGION, or add"
                        + " 'region:' to kubeherd.yaml"));
  }
}
