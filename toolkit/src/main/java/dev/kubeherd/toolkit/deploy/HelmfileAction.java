package dev.kubeherd.toolkit.deploy;

/** What {@code kubeherd deploy} and {@code undeploy} ask helmfile to do. */
public enum HelmfileAction {
  /** {@code kubeherd deploy}: install or upgrade every release. */
  SYNC("sync"),
  /** {@code kubeherd undeploy}: uninstall every release ({@code delete} is deprecated). */
  DESTROY("destroy"),
  /** {@code sdf4k --render}: print the manifests, apply nothing. */
  TEMPLATE("template");

  private final String subcommand;

  HelmfileAction(String subcommand) {
    this.subcommand = subcommand;
  }

  /** The helmfile subcommand. */
  public String subcommand() {
    return subcommand;
  }
}
