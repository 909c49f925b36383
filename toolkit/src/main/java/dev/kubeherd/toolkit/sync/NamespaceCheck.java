package dev.kubeherd.toolkit.sync;

import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.ToolkitExitCodes;
import dev.kubeherd.toolkit.tools.ExternalTool;
import dev.kubeherd.toolkit.tools.ToolInvocation;
import dev.kubeherd.toolkit.tools.ToolRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * First-run "fail if it exists": before a worker sync in create mode, {@code kubectl get namespace
 * APP --ignore-not-found -o name} must print nothing; an existing app namespace fails with exit
 * code 4 before anything is decrypted or applied.
 */
final class NamespaceCheck {
  private final ToolRunner tools;

  NamespaceCheck(ToolRunner tools) {
    this.tools = tools;
  }

  void requireAbsent(String namespace, Path cwd) throws InterruptedException {
    tools.requireInstalled(ExternalTool.KUBECTL);
    byte[] out =
        tools.capture(
            ToolInvocation.of(
                ExternalTool.KUBECTL,
                cwd,
                "get",
                "namespace",
                namespace,
                "--ignore-not-found",
                "-o",
                "name"));
    if (!new String(out, StandardCharsets.UTF_8).isBlank()) {
      throw new ToolkitException(
          ToolkitExitCodes.CONFLICT,
          "namespace "
              + namespace
              + " already exists: a first sync (create) never takes over an existing app;"
              + " run sync worker without --create to update it");
    }
  }
}
