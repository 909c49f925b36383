package dev.kubeherd.worker.run;

import dev.kubeherd.core.log.SecretValues;
import dev.kubeherd.core.port.LogStore;

/**
 * Where one build's output goes: its log store (masking the project's secrets as it writes), the
 * secret values it masks (for text that reaches the script or the status instead), and the worker
 * log.
 */
record BuildOutput(LogStore logs, SecretValues secrets, WorkerLog log) {}
