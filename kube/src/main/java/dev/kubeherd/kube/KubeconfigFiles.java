package dev.kubeherd.kube;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** The kubeconfig files kubectl would read, and the contexts they name. */
final class KubeconfigFiles {
  private KubeconfigFiles() {}

  /** The files of {@code candidates} that exist, in order. */
  static List<File> existing(List<String> candidates) {
    List<File> files = new ArrayList<>();
    for (String path : candidates) {
      if (path != null && !path.isBlank() && new File(path).isFile()) {
        files.add(new File(path));
      }
    }
    return files;
  }

  /**
   * Every context of {@code files}; a file that cannot be parsed is a {@link KubeConfigException}.
   */
  static List<NamedContext> contexts(List<File> files) {
    List<NamedContext> contexts = new ArrayList<>();
    for (File file : files) {
      if (isBlank(file)) {
        continue; // an empty kubeconfig names no context; the client treats it as before
      }
      io.fabric8.kubernetes.api.model.Config parsed;
      try {
        parsed = KubeConfigUtils.parseConfig(file);
      } catch (RuntimeException e) {
        throw new KubeConfigException(
            "kubeconfig "
                + file
                + " is not valid YAML: "
                + shortReason(e)
                + "; fix it or point --kubeconfig/KUBECONFIG elsewhere");
      }
      if (parsed != null && parsed.getContexts() != null) {
        contexts.addAll(parsed.getContexts());
      }
    }
    return contexts;
  }

  private static boolean isBlank(File file) {
    try {
      return Files.readString(file.toPath()).isBlank();
    } catch (IOException e) {
      throw new KubeConfigException(
          "kubeconfig " + file + " cannot be read: " + e.getMessage() + "; check its permissions");
    }
  }

  /** The innermost cause's first line, without Jackson's source dump. */
  private static String shortReason(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.lines().findFirst().orElse(message).strip();
  }
}
