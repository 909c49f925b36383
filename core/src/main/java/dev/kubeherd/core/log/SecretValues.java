package dev.kubeherd.core.log;

import dev.kubeherd.core.Json;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The values of a project that must never appear in a log: every value of its {@code secrets}
 * object (except the keys {@code kubeherd.plainSecrets} lists as configuration), {@code sshKey},
 * {@code github.token}, {@code sharedSecret}, {@code genericGatewaySecret} and every {@code
 * kubeherd.*} key whose name says token, secret, password or key. A multi-line value is masked line
 * by line (each line on its own, as a log shows it). Values (or lines) shorter than {@value
 * #MIN_LENGTH} chars are not masked, masking them would blank out ordinary text: {@link
 * #tooShort()} names their keys so the worker can warn.
 *
 * @param values the distinct values to mask
 * @param tooShort keys with a value (or a line) too short to mask
 */
public record SecretValues(Set<String> values, Set<String> tooShort) {
  public static final int MIN_LENGTH = 3;

  private static final List<String> SECRET_KEYS =
      List.of(
          ProjectKeys.SSH_KEY,
          ProjectKeys.GITHUB_TOKEN,
          ProjectKeys.SHARED_SECRET,
          ProjectKeys.GENERIC_GATEWAY_SECRET);
  private static final List<String> SECRET_WORDS = List.of("token", "secret", "password", "key");

  public static final SecretValues NONE = new SecretValues(Set.of(), Set.of());

  public SecretValues {
    values = Set.copyOf(values);
    tooShort = Set.copyOf(tooShort);
  }

  public static SecretValues of(Project project) {
    Collector c = new Collector();
    for (String key : SECRET_KEYS) {
      project.get(key).ifPresent(v -> c.add(key, v));
    }
    for (Map.Entry<String, String> e : project.data().entrySet()) {
      if (isOwnSecretKey(e.getKey())) {
        c.add(e.getKey(), e.getValue());
      }
    }
    projectSecrets(project, c);
    return new SecretValues(c.values, c.tooShort);
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** {@code text} with every value replaced by {@value SecretMasker#MASK}. */
  public String mask(String text) {
    StringBuilder masked = new StringBuilder(text.length());
    SecretMasker masker = new SecretMasker(values, masked::append);
    masker.write(text);
    masker.flush();
    return masked.toString();
  }

  private static boolean isOwnSecretKey(String key) {
    if (!key.startsWith("kubeherd.") || key.equals(ProjectKeys.PLAIN_SECRETS)) {
      return false;
    }
    String lower = key.toLowerCase(Locale.ROOT);
    return SECRET_WORDS.stream().anyMatch(lower::contains);
  }

  private static void projectSecrets(Project project, Collector c) {
    JsonNode secrets;
    try {
      secrets = Json.MAPPER.readTree(project.secretsJson());
    } catch (JacksonException e) {
      // not JSON: the worker reports that when the script reads it; mask the raw text instead
      c.add(ProjectKeys.SECRETS, project.secretsJson());
      return;
    }
    if (!secrets.isObject()) {
      return;
    }
    Set<String> plain = plainKeys(project);
    for (Map.Entry<String, JsonNode> e : secrets.properties()) {
      JsonNode v = e.getValue();
      if (!v.isNull() && !plain.contains(e.getKey())) {
        c.add("secrets." + e.getKey(), v.isString() ? v.asString() : v.toString());
      }
    }
  }

  /**
   * The {@code secrets} keys the project marks as configuration ({@code kubeherd.plainSecrets}).
   */
  private static Set<String> plainKeys(Project project) {
    Set<String> keys = new TreeSet<>();
    project
        .get(ProjectKeys.PLAIN_SECRETS)
        .ifPresent(
            list -> {
              for (String k : list.split(",")) {
                if (!k.isBlank()) {
                  keys.add(k.strip());
                }
              }
            });
    return keys;
  }

  private static final class Collector {
    final Set<String> values = new TreeSet<>();
    final Set<String> tooShort = new TreeSet<>();

    void add(String key, String value) {
      if (value.isEmpty()) {
        return;
      }
      List<String> lines = new ArrayList<>();
      for (String line : value.split("\r?\n")) {
        if (!line.isEmpty()) {
          lines.add(line);
        }
      }
      for (String line : lines) {
        if (line.length() < MIN_LENGTH) {
          tooShort.add(key);
        } else {
          values.add(line);
        }
      }
    }
  }
}
