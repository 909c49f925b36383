package dev.kubeherd.toolkit.tools;

import dev.kubeherd.toolkit.config.ToolkitSetting;

/**
 * The programs the toolkit runs as separate processes, each with the setting that names its
 * executable ({@code --helmfile}, {@code KUBEHERD_HELMFILE}, {@code helmfile:} in kubeherd.yaml)
 * and how to get it.
 */
public enum ExternalTool {
  HELMFILE(ToolkitSetting.HELMFILE, "install helmfile v1 (helmfile/helmfile releases)"),
  SOPS(ToolkitSetting.SOPS, "install sops 3 (getsops/sops releases)"),
  HELM(ToolkitSetting.HELM, "install helm 3 (helm.sh)"),
  KUBECTL(ToolkitSetting.KUBECTL, "install kubectl matching the cluster's version");

  private final ToolkitSetting setting;
  private final String install;

  ExternalTool(ToolkitSetting setting, String install) {
    this.setting = setting;
    this.install = install;
  }

  /** The name it has on PATH, also its default executable: {@code helmfile}. */
  public String command() {
    return setting.defaultValue().orElseThrow();
  }

  /** The setting naming its executable. */
  public ToolkitSetting setting() {
    return setting;
  }

  /** What to do when it is missing (the kubeherd toolbox image has them all). */
  public String installHint() {
    return install
        + ", use the kubeherd toolbox image, or point --"
        + setting.flag()
        + " / "
        + setting.env()
        + " at it";
  }
}
