package dev.kubeherd.cli;

/** The {@code brigadm} process ({@code bin/brigadm}): the same tree as {@code kubeherd brigadm}. */
public final class BrigadmMain {
  private BrigadmMain() {}

  public static void main(String[] args) {
    System.exit(BrigMain.run(BrigApp::brigadm, args));
  }
}
