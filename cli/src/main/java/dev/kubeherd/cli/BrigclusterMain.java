package dev.kubeherd.cli;

/**
 * The {@code brigcluster} process ({@code bin/brigcluster}): the same tree as {@code kubeherd
 * brigcluster}.
 */
public final class BrigclusterMain {
  private BrigclusterMain() {}

  public static void main(String[] args) {
    System.exit(BrigMain.run(BrigApp::brigcluster, args));
  }
}
