package dev.kubeherd.toolkit.deploy;

import dev.kubeherd.toolkit.git.GitTag;
import dev.kubeherd.toolkit.tools.ExternalTool;
import dev.kubeherd.toolkit.tools.SecretFiles;
import dev.kubeherd.toolkit.tools.SopsDecryptor;
import dev.kubeherd.toolkit.tools.ToolInvocation;
import dev.kubeherd.toolkit.tools.ToolRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code sdf4k PATH --namespace NS}, the Simple Deployment Facade for Kubernetes: detects what PATH
 * holds ({@link DeployableDetector}) and deploys each kind in order with {@code GIT_TAG} and {@code
 * GIT_DESCRIBE} ({@link GitTag#variables}) in every tool's environment. Every tool needed is
 * checked and {@code secrets.yaml} decrypted before anything is applied, so a missing tool or a
 * sops failure changes nothing; the plaintext is deleted on every path. With {@code render},
 * nothing is applied: charts are rendered by {@link ChartRenderer} (helm-java), the other kinds by
 * their tools' offline commands.
 */
public final class Sdf4k {
  private final ToolRunner tools;
  private final ChartRenderer renderer;
  private final Consumer<String> progress;
  private final Consumer<String> manifests;

  /**
   * @param progress receives warnings and progress lines (standard error)
   * @param manifests receives rendered manifests in render mode (standard output)
   */
  public Sdf4k(
      ToolRunner tools,
      ChartRenderer renderer,
      Consumer<String> progress,
      Consumer<String> manifests) {
    this.tools = tools;
    this.renderer = renderer;
    this.progress = progress;
    this.manifests = manifests;
  }

  public Sdf4kResult run(Sdf4kOptions options) throws InterruptedException {
    Path dir = options.path().toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new NothingDeployableException(dir, "it is not a directory");
    }
    List<DeployKind> kinds = selected(dir, options.only());
    if (kinds.size() > 1) {
      progress.accept(
          "Warning: "
              + dir
              + " holds several deployables; running all in order: "
              + String.join(", ", kinds.stream().map(DeployKind::flagValue).toList())
              + " (use --only to pick one)");
    }
    Map<String, String> env = GitTag.variables(dir, Optional.empty());
    String gitTag = env.get(GitTag.TAG_VARIABLE);
    Optional<Path> encrypted =
        kinds.contains(DeployKind.CHART) ? ChartValues.encryptedSecrets(dir) : Optional.empty();
    requiredTools(kinds, options.render(), encrypted.isPresent()).forEach(tools::requireInstalled);
    DeployStep step = new DeployStep(dir, options, env);
    try (SecretFiles secrets = SecretFiles.open(options.scratch())) {
      Optional<Path> decrypted = decrypt(encrypted, secrets);
      for (DeployKind kind : kinds) {
        progress.accept((options.render() ? "Rendering " : "Deploying ") + kind.flagValue());
        if (kind == DeployKind.CHART) {
          chart(step, decrypted, gitTag);
        } else {
          other(step, kind);
        }
      }
    }
    return new Sdf4kResult(options.component(), gitTag, kinds);
  }

  private static List<DeployKind> selected(Path dir, Optional<DeployKind> only) {
    List<DeployKind> found = DeployableDetector.detect(dir);
    if (only.isPresent()) {
      if (!found.contains(only.get())) {
        throw new NothingDeployableException(
            dir, "--only " + only.get().flagValue() + " but there is no " + marker(only.get()));
      }
      return List.of(only.get());
    }
    if (found.isEmpty()) {
      throw new NothingDeployableException(
          dir,
          "looked for a helmfile ("
              + String.join(", ", HelmfileLocator.NAMES)
              + "), chart/Chart.yaml, kustomization.yaml and a manifests/ directory");
    }
    return found;
  }

  private static String marker(DeployKind kind) {
    return switch (kind) {
      case HELMFILE -> "helmfile (" + String.join(", ", HelmfileLocator.NAMES) + ")";
      case CHART -> "chart/Chart.yaml";
      case KUSTOMIZE -> "kustomization.yaml";
      case MANIFESTS -> "manifests/ directory";
    };
  }

  static Set<ExternalTool> requiredTools(List<DeployKind> kinds, boolean render, boolean secrets) {
    Set<ExternalTool> needed = EnumSet.noneOf(ExternalTool.class);
    for (DeployKind kind : kinds) {
      switch (kind) {
        case HELMFILE -> needed.add(ExternalTool.HELMFILE);
        case CHART -> {
          if (!render) {
            needed.add(ExternalTool.HELM);
          }
          if (secrets) {
            needed.add(ExternalTool.SOPS);
          }
        }
        case KUSTOMIZE, MANIFESTS -> needed.add(ExternalTool.KUBECTL);
      }
    }
    return needed;
  }

  private Optional<Path> decrypt(Optional<Path> encrypted, SecretFiles secrets)
      throws InterruptedException {
    if (encrypted.isEmpty()) {
      return Optional.empty();
    }
    Path target = secrets.dir().resolve(ChartValues.SECRETS);
    return Optional.of(new SopsDecryptor(tools).decrypt(encrypted.get(), target, secrets));
  }

  private void chart(DeployStep step, Optional<Path> decrypted, String gitTag)
      throws InterruptedException {
    Path chartDir = step.dir().resolve("chart");
    List<Path> values = new ArrayList<>(ChartValues.plainFiles(step.dir(), step.environment()));
    decrypted.ifPresent(values::add);
    Map<String, String> sets =
        ChartValues.hasImageTag(chartDir) ? Map.of("image.tag", gitTag) : Map.of();
    ChartRender chart = new ChartRender(chartDir, step.component(), step.namespace(), values, sets);
    if (step.render()) {
      manifests.accept(renderer.render(chart));
    } else {
      tools.run(HelmUpgrade.invocation(chart, step.dir(), step.env()));
    }
  }

  private void other(DeployStep step, DeployKind kind) throws InterruptedException {
    ToolInvocation invocation = step.invocation(kind);
    if (step.render()) {
      manifests.accept(new String(tools.capture(invocation), StandardCharsets.UTF_8));
    } else {
      tools.run(invocation);
    }
  }
}
