package dev.kubeherd.core.port;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildStatus;
import java.util.concurrent.CompletionStage;

/** Starts the worker for a claimed build: in-process, as a pod, or from a warm pool. */
public interface WorkerLauncher {
  CompletionStage<BuildStatus> launch(Build build);
}
