package dev.kubeherd.toolkit.deploy;

import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.ToolkitExitCodes;
import java.nio.file.Path;

/** A ksonnet {@code app.yaml} (exit code 2): ksonnet is archived and not supported. */
public final class KsonnetUnsupportedException extends ToolkitException {
  KsonnetUnsupportedException(Path appYaml) {
    super(
        ToolkitExitCodes.INPUT_MISSING,
        appYaml
            + " is a ksonnet app: unsupported (ksonnet). Convert it to a kustomization.yaml, a"
            + " chart/ or a manifests/ directory");
  }
}
