package dev.kubeherd.core.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A Brigade v1 project: the project Secret's ID ({@code metadata.name}), human name (annotation
 * {@code projectName}), namespace and string data keys exactly as v1 stores them ({@code
 * repository}, {@code cloneURL}, {@code secrets}, {@code sharedSecret}, ...). Keys are kept
 * verbatim so a project written by brig or the brigade-project chart round-trips unchanged.
 */
public record Project(String id, String name, String namespace, Map<String, String> data) {

  public Project {
    Objects.requireNonNull(id, "id");
    name = name == null ? "" : name;
    namespace = namespace == null ? "" : namespace;
    data = Collections.unmodifiableMap(new TreeMap<>(data == null ? Map.of() : data));
  }

  /** A data key, if present (present-but-empty is present, as v1 distinguishes). */
  public Optional<String> get(String key) {
    return Optional.ofNullable(data.get(key));
  }

  /** A data key or {@code ""}. */
  public String value(String key) {
    return data.getOrDefault(key, "");
  }

  public boolean flag(String key, boolean whenAbsent) {
    String v = data.get(key);
    return v == null ? whenAbsent : "true".equals(v);
  }

  public String repository() {
    return value(ProjectKeys.REPOSITORY);
  }

  public String cloneUrl() {
    return value(ProjectKeys.CLONE_URL);
  }

  /** The {@code secrets} key: a JSON object as a string, {@code "{}"} when absent or empty. */
  public String secretsJson() {
    String s = value(ProjectKeys.SECRETS);
    return s.isBlank() ? "{}" : s;
  }
}
