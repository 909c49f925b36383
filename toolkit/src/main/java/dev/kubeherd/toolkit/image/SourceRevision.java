package dev.kubeherd.toolkit.image;

import dev.kubeherd.toolkit.git.ImageTags;
import dev.kubeherd.toolkit.tools.ProcessTree;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What git says about the context, for the defaults of {@code --repository} (the basename of the
 * top-level directory), {@code --tag} ({@code git describe --tags --always}, else the short sha,
 * else {@code dev}) and {@code --git-sha}. Outside a repository (or without git) every fact is
 * empty; so is one git does not tell within 10 seconds (git is stopped then: a hung network file
 * system cannot hang the build).
 */
public record SourceRevision(
    Optional<Path> topLevel,
    Optional<String> describe,
    Optional<String> shortSha,
    Optional<String> sha) {

  /** How long each {@code git} question may take before it counts as unanswered. */
  static final Duration GIT_TIMEOUT = Duration.ofSeconds(10);

  /** Asks {@code git} in {@code context}. */
  public static SourceRevision read(Path context) {
    return read(context, "git", GIT_TIMEOUT);
  }

  /**
   * Asks {@code git} (an executable name or path) in {@code context}; a question not answered
   * within {@code timeout} is stopped and counts as no answer.
   */
  static SourceRevision read(Path context, String git, Duration timeout) {
    Git asker = new Git(git, context, timeout);
    return new SourceRevision(
        asker.ask("rev-parse", "--show-toplevel").map(Path::of),
        asker.ask("describe", "--tags", "--always"),
        asker.ask("rev-parse", "--short", "HEAD"),
        asker.ask("rev-parse", "HEAD"));
  }

  /** The default tag: describe, else the short sha, else {@code dev}; made a valid tag. */
  public String defaultTag() {
    return describe.or(() -> shortSha).map(ImageTags::fromGitName).orElse("dev");
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

  /** One-line answers of {@code git} in a directory, each within the timeout. */
  private record Git(String executable, Path dir, Duration timeout) {
    Optional<String> ask(String... args) {
      List<String> command = new ArrayList<>(List.of(executable));
      command.addAll(List.of(args));
      Process p;
      try {
        p =
            new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
      } catch (IOException e) {
        return Optional.empty();
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Thread reader = Thread.ofVirtual().start(() -> copy(p, out));
      try {
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || !reader.join(timeout)) {
          ProcessTree.destroy(p.toHandle());
          return Optional.empty();
        }
      } catch (InterruptedException e) {
        ProcessTree.destroy(p.toHandle());
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
      String answer = out.toString(StandardCharsets.UTF_8).strip();
      return p.exitValue() == 0 && !answer.isEmpty() ? Optional.of(answer) : Optional.empty();
    }

    private static void copy(Process p, ByteArrayOutputStream out) {
      try (InputStream in = p.getInputStream()) {
        in.transferTo(out);
      } catch (IOException e) {
        // stopped: no answer
      }
    }
  }
}
