package dev.kubeherd.worker.job;

import dev.kubeherd.core.model.JobPodOptions;
import dev.kubeherd.core.model.JobPodOptions.Cache;
import dev.kubeherd.core.model.JobPodOptions.Host;
import dev.kubeherd.core.model.JobPodOptions.Resources;
import dev.kubeherd.core.model.JobPodOptions.Storage;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectKeys;
import java.util.Map;
import org.graalvm.polyglot.Value;

/**
 * Reads the pod-only properties of a brigadier {@code Job} with v1 defaults: {@code useSource}
 * true, cache {@code 5Mi} at {@code /mnt/brigade/cache}, storage at {@code /mnt/brigade/share},
 * {@code host.nodeSelector} only from a JavaScript {@code Map}, and {@code docker.enabled} silently
 * ignored unless the project sets {@code allowHostMounts}. Volumes and mounts were validated by
 * brigadier's {@code run()} already; they are kept as JSON text.
 */
final class JobPodOptionsReader {
  private final Project project;

  JobPodOptionsReader(Project project) {
    this.project = project;
  }

  /** {@code envReferences}: the job's allowed {@code valueFrom} objects, already read. */
  JobPodOptions read(Value job, Map<String, String> envReferences) {
    Value host = JsValues.member(job, "host");
    Value cache = JsValues.member(job, "cache");
    Value storage = JsValues.member(job, "storage");
    return new JobPodOptions(
        JsValues.truthy(job, "useSource", true),
        JsValues.string(job, "serviceAccount", ""),
        resources(JsValues.member(job, "resourceRequests")),
        resources(JsValues.member(job, "resourceLimits")),
        new Host(
            JsValues.string(host, "os", ""),
            JsValues.string(host, "name", ""),
            JsValues.jsMap(host, "nodeSelector")),
        new Cache(
            JsValues.truthy(cache, "enabled", false),
            JsValues.string(cache, "size", Cache.DEFAULT_SIZE),
            JsValues.string(cache, "path", Cache.DEFAULT_PATH)),
        new Storage(
            JsValues.truthy(storage, "enabled", false),
            JsValues.string(storage, "path", Storage.DEFAULT_PATH)),
        JsValues.truthy(JsValues.member(job, "docker"), "enabled", false)
            && project.flag(ProjectKeys.ALLOW_HOST_MOUNTS, false),
        JsValues.stringMap(job, "annotations"),
        JsValues.strings(job, "imagePullSecrets"),
        JsValues.truthy(job, "streamLogs", false),
        envReferences,
        JsValues.jsonElements(job, "volumes"),
        JsValues.jsonElements(job, "volumeMounts"));
  }

  private static Resources resources(Value r) {
    return new Resources(JsValues.string(r, "cpu", ""), JsValues.string(r, "memory", ""));
  }
}
