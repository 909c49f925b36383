package dev.kubeherd.cli;

/** The {@code sdf4k} process ({@code bin/sdf4k}): the same command as {@code kubeherd sdf4k}. */
public final class Sdf4kMain {
  private Sdf4kMain() {}

  public static void main(String[] args) {
    System.exit(BrigMain.run(BrigApp::sdf4k, args));
  }
}
