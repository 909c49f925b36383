package dev.kubeherd.toolkit.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What git says about the context, for the defaults of {@code --repository} (the basename of the
 * top-level directory), {@code --tag} ({@code git describe --tags --always}, else the short sha,
 * else {@code dev}) and {@code --git-sha}. Outside a repository (or without git) every fact is
 * empty.
 */
public record SourceRevision(
    Optional<Path> topLevel,
    Optional<String> describe,
    Optional<String> shortSha,
    Optional<String> sha) {

  /** Asks {@code git} in {@code context}. */
  public static SourceRevision read(Path context) {
    return new SourceRevision(
        git(context, "rev-parse", "--show-toplevel").map(Path::of),
        git(context, "describe", "--tags", "--always"),
        git(context, "rev-parse", "--short", "HEAD"),
        git(context, "rev-parse", "HEAD"));
  }

  /** The default tag: describe, else the short sha, else {@code dev}; made a valid tag. */
  public String defaultTag() {
    return describe.or(() -> shortSha).map(SourceRevision::asTag).orElse("dev");
  }

  /** The default repository: {@code REGISTRY/} + the top level's (or context's) basename. */
  public String defaultRepository(Optional<String> registry, Path context) {
    Path dir = topLevel.orElse(context.toAbsolutePath().normalize());
    String name = dir.getFileName() == null ? "app" : asName(dir.getFileName().toString());
    return registry.filter(r -> !r.isBlank()).map(r -> stripSlash(r) + "/").orElse("") + name;
  }

  /** The commit, else {@code unknown}. */
  public String gitSha() {
    return sha.orElse("unknown");
  }

  static String asTag(String value) {
    String tag = value.replaceAll("[^A-Za-z0-9_.-]", "-");
    return tag.isEmpty() || tag.startsWith(".") || tag.startsWith("-") ? "v" + tag : tag;
  }

  static String asName(String value) {
    String name =
        value
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9._-]+", "-")
            .replaceAll("^[._-]+|[._-]+$", "");
    return name.isEmpty() ? "app" : name;
  }

  private static String stripSlash(String registry) {
    return registry.endsWith("/") ? registry.substring(0, registry.length() - 1) : registry;
  }

  private static Optional<String> git(Path dir, String... args) {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    try {
      Process p =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.empty();
      }
      return p.exitValue() == 0 && !out.isEmpty() ? Optional.of(out) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
