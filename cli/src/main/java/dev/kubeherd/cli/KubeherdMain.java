package dev.kubeherd.cli;

/** The {@code kubeherd} process ({@code kubeherd brig ...}, {@code kubeherd version}). */
public final class KubeherdMain {
  private KubeherdMain() {}

  public static void main(String[] args) {
    System.exit(BrigMain.run(BrigApp::kubeherd, args));
  }
}
