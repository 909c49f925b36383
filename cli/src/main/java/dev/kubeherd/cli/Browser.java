package dev.kubeherd.cli;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/** Opens a page in the user's browser ({@code brig dashboard}). */
@FunctionalInterface
public interface Browser {
  /**
   * Opens {@code page}; false when this machine has no way to (the caller then prints the address).
   */
  boolean open(URI page);

  /** The desktop's browser when Java can reach it, else {@code xdg-open} or {@code open}. */
  static Browser system() {
    return page -> desktop(page) || command(page);
  }

  private static boolean desktop(URI page) {
    if (GraphicsEnvironment.isHeadless()
        || !Desktop.isDesktopSupported()
        || !Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
      return false;
    }
    try {
      Desktop.getDesktop().browse(page);
      return true;
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  private static boolean command(URI page) {
    Optional<String> opener =
        List.of("xdg-open", "open").stream().filter(Browser::onPath).findFirst();
    if (opener.isEmpty()) {
      return false;
    }
    try {
      new ProcessBuilder(opener.get(), page.toString())
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && new File(dir, program).canExecute()) {
        return true;
      }
    }
    return false;
  }
}
