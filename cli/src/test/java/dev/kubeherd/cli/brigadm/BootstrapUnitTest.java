package dev.kubeherd.cli.brigadm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.cli.CliHarness;
import dev.kubeherd.toolkit.ami.BundledTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ParseResult;

/**
 * The node AMI's {@code kubeherd-bootstrap.service} (as bundled in the toolkit jar): its {@code
 * ExecStart}, expanded as systemd does with the {@code bootstrap.env} example of {@code
 * packer/README.md}, is a command line the real {@code kubeherd} tree accepts, and ctr hands {@code
 * bootstrap.env} to the container.
 */
class BootstrapUnitTest {
  private static final Path README = Path.of("../packer/README.md").toAbsolutePath().normalize();
  private static final String IMAGE = "ghcr.io/kubeherd/kubeherd:test";
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}");

  @TempDir Path dir;

  @Test
  void execStartRunsBrigadmBootstrapWithTheFlagsOfTheDocumentedEnvFile() throws IOException {
    Unit unit = bundledUnit();
    Map<String, String> env = new HashMap<>(documentedEnvFile());
    env.put("KUBEHERD_IMAGE", IMAGE);

    int image = unit.execStart().indexOf("${KUBEHERD_IMAGE}");
    assertThat(image).as("ExecStart names the image as ${KUBEHERD_IMAGE}").isPositive();
    List<String> command =
        expand(unit.execStart().subList(image + 2, unit.execStart().size()), env);

    assertThat(command).startsWith("kubeherd");
    ParseResult parsed =
        new CliHarness(dir.resolve("home"))
            .app()
            .kubeherd()
            .parseArgs(command.subList(1, command.size()).toArray(String[]::new));
    ParseResult leaf = parsed;
    while (leaf.hasSubcommand()) {
      leaf = leaf.subcommand();
    }
    assertThat(leaf.commandSpec().userObject()).isInstanceOf(BootstrapCommand.class);
    assertThat(leaf.commandSpec().qualifiedName()).isEqualTo("kubeherd brigadm bootstrap");
    assertThat(leaf.<String>matchedOptionValue("--name", null)).isEqualTo("cluster-repo");
    assertThat(leaf.<String>matchedOptionValue("--org", null)).isEqualTo("acme");
    assertThat(leaf.<String>matchedOptionValue("-t", null)).isEqualTo("/kubeherd/github-token");
  }

  @Test
  void ctrPassesBootstrapEnvToTheContainerSoItGetsTheKubeconfig() throws IOException {
    Unit unit = bundledUnit();
    List<String> ctr = unit.execStart();

    int run = ctr.indexOf("run");
    int image = ctr.indexOf("${KUBEHERD_IMAGE}");
    List<String> ctrOptions = ctr.subList(run + 1, image);
    assertThat(ctr.getFirst()).endsWith("/ctr");
    assertThat(unit.environmentFiles()).contains("/etc/kubeherd/bootstrap.env");
    assertThat(envFileOption(ctrOptions)).isEqualTo("/etc/kubeherd/bootstrap.env");
    Map<String, String> documented = documentedEnvFile();
    assertThat(documented).containsKeys("KUBECONFIG", "BOOTSTRAP_ARGS");
    assertThat(documented.get("KUBECONFIG"))
        .as("the kubeconfig is under a directory the unit mounts into the container")
        .startsWith("/etc/kubernetes/");
    assertThat(ctrOptions).anyMatch(o -> o.contains("src=/etc/kubernetes,dst=/etc/kubernetes"));
  }

  @Test
  void aContainerLeftByAKilledCtrIsRemovedBeforeTheStartSoRestartsDoNotFailForGood()
      throws IOException {
    Unit unit = bundledUnit();
    List<String> ctr = unit.execStart();
    String container = ctr.get(ctr.indexOf("${KUBEHERD_IMAGE}") + 1);
    String namespace = ctr.get(ctr.indexOf("--namespace") + 1);

    assertThat(unit.execStartPre())
        .as("failure-tolerant (-) removals of the task and the container, in that order")
        .containsSubsequence(
            List.of(
                "-/usr/bin/ctr", "--namespace", namespace, "task", "delete", "--force", container),
            List.of("-/usr/bin/ctr", "--namespace", namespace, "container", "delete", container));
  }

  /** The value of ctr's {@code --env-file FILE} or {@code --env-file=FILE}, else null. */
  private static String envFileOption(List<String> options) {
    for (int i = 0; i < options.size(); i++) {
      String o = options.get(i);
      if (o.equals("--env-file") && i + 1 < options.size()) {
        return options.get(i + 1);
      }
      if (o.startsWith("--env-file=")) {
        return o.substring("--env-file=".length());
      }
    }
    return null;
  }

  record Unit(
      List<String> execStart, List<List<String>> execStartPre, List<String> environmentFiles) {}

  /** The unit file of the jar's packer directory, its ExecStart split into words. */
  private Unit bundledUnit() throws IOException {
    BundledTemplate.extractTo(dir.resolve("packer"));
    String text = Files.readString(dir.resolve("packer/files/kubeherd-bootstrap.service"));
    List<String> lines = Arrays.asList(text.replace("\\\n", " ").split("\n"));
    List<String> execStart =
        lines.stream()
            .filter(l -> l.startsWith("ExecStart="))
            .map(l -> words(l.substring("ExecStart=".length())))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the unit has no ExecStart"));
    List<List<String>> execStartPre =
        lines.stream()
            .filter(l -> l.startsWith("ExecStartPre="))
            .map(l -> words(l.substring("ExecStartPre=".length())))
            .toList();
    List<String> envFiles =
        lines.stream()
            .filter(l -> l.startsWith("EnvironmentFile="))
            .map(l -> l.substring("EnvironmentFile=".length()).replaceFirst("^-", "").strip())
            .toList();
    return new Unit(execStart, execStartPre, envFiles);
  }

  /**
   * The {@code dotenv} example of the README, every line a plain {@code KEY=value} (ctr passes
   * lines as they are: quotes or {@code export} would reach the container).
   */
  private static Map<String, String> documentedEnvFile() throws IOException {
    String readme = Files.readString(README);
    int start = readme.indexOf("```dotenv\n");
    assertThat(start)
        .as("packer/README.md has a ```dotenv example of bootstrap.env")
        .isNotNegative();
    int end = readme.indexOf("```", start + 1);
    Map<String, String> env = new HashMap<>();
    for (String line : readme.substring(start, end).lines().skip(1).toList()) {
      assertThat(line).as("bootstrap.env line").matches("[A-Z_][A-Z0-9_]*=[^\"'$`]*");
      env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
    }
    return env;
  }

  /** systemd's splitting of a command line: whitespace, with "..." and '...' quoting. */
  private static List<String> words(String commandLine) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    char quote = 0;
    for (char c : commandLine.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (Character.isWhitespace(c)) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
      } else {
        word = word == null ? new StringBuilder() : word;
        if (c == '"' || c == '\'') {
          quote = c;
        } else {
          word.append(c);
        }
      }
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }

  /**
   * systemd's expansion: a word that is exactly {@code $NAME} becomes the value split at whitespace
   * (none when unset); {@code ${NAME}} inside a word is replaced by the value, as one word.
   */
  private static List<String> expand(List<String> words, Map<String, String> env) {
    List<String> out = new ArrayList<>();
    for (String w : words) {
      if (w.matches("\\$\\w+")) {
        String value = env.getOrDefault(w.substring(1), "").strip();
        if (!value.isEmpty()) {
          out.addAll(Arrays.asList(value.split("\\s+")));
        }
      } else {
        Matcher m = VARIABLE.matcher(w);
        out.add(m.replaceAll(r -> Matcher.quoteReplacement(env.getOrDefault(r.group(1), ""))));
      }
    }
    return out;
  }
}
