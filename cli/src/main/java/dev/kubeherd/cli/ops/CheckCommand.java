package dev.kubeherd.cli.ops;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.CliException;
import dev.kubeherd.cli.KubeTarget;
import dev.kubeherd.cli.StoreCommand;
import dev.kubeherd.core.secret.DocumentFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code brig check}: v1 checked its API server, controller, Kashti and vacuum; kubeherd has a
 * controller (which also runs the vacuum), a gateway and, optionally, a worker pool.
 */
@Command(
    name = "check",
    description = {
      "Check that kubeherd's components in the namespace are ready: the controller and gateway"
          + " Deployments (found by the chart's labels), the worker-pool Deployment when there is"
          + " one, and the vacuum, which the controller runs. Exit 1 when any is not ready.",
      "A component turned off by a chart setting (gateway.enabled=false, vacuum.enabled=false, a"
          + " worker pool scaled to 0) is shown with '–' and is no failure.",
      "It also checks that every project and build can be read (Secrets in the namespace; in"
          + " local mode, which has no Deployments, the local store's files), and exits 1 when"
          + " any cannot, naming them."
    })
public final class CheckCommand extends StoreCommand {
  private static final String STORE = "store";

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "Print the checks as json (or yaml) instead of lines.")
  DocumentFormat output;

  public CheckCommand(BrigApp app) {
    super(app);
  }

  @Override
  protected void execute() {
    Optional<KubeTarget> cluster = app.cluster();
    List<ComponentCheck> checks = cluster.map(this::cluster).orElseGet(this::local);
    print(checks);
    List<ComponentCheck> failed = checks.stream().filter(c -> !c.ok()).toList();
    if (!failed.isEmpty()) {
      throw new CliException(
          cluster.isPresent()
              ? advice(cluster.get().namespace(), failed)
              : "the local store has files that cannot be read; "
                  + StoreDamage.fix(StoreDamage.FILE));
    }
  }

  private List<ComponentCheck> cluster(KubeTarget target) {
    List<ComponentCheck> checks = new ArrayList<>(new KubeherdComponents(target).check());
    StoreDamage damage = StoreDamage.cluster(app.projects(), app.builds());
    int projects = app.projects().list().size();
    checks.add(
        damage.any()
            ? new ComponentCheck(
                STORE,
                "",
                ComponentCheck.State.FAILED,
                projects + " readable project(s); " + damage.describe(),
                Optional.empty())
            : new ComponentCheck(
                STORE,
                "",
                ComponentCheck.State.READY,
                projects + " project(s); every project and build Secret can be read",
                Optional.empty()));
    return checks;
  }

  private List<ComponentCheck> local() {
    int projects = app.projects().list().size();
    StoreDamage damage = StoreDamage.local(app.projects(), app.builds());
    if (damage.any()) {
      return List.of(
          new ComponentCheck(
              "local-store",
              "",
              ComponentCheck.State.FAILED,
              projects + " readable project(s); " + damage.describe(),
              Optional.empty()));
    }
    return List.of(
        new ComponentCheck(
            "local-store",
            "",
            ComponentCheck.State.READY,
            projects
                + " project(s); local mode has no Deployments: builds run in brig itself or in"
                + " 'kubeherd server --local'",
            Optional.empty()));
  }

  private void print(List<ComponentCheck> checks) {
    if (output == null) {
      checks.forEach(c -> out().println(c.line()));
      return;
    }
    ArrayNode array = DocumentFormat.object().arrayNode();
    for (ComponentCheck c : checks) {
      ObjectNode node = array.addObject();
      node.put("component", c.component()).put("name", c.name()).put("ok", c.ok());
      node.put("off", c.off());
      c.replicas().ifPresent(r -> node.put("ready", r.ready()).put("desired", r.desired()));
      node.put("detail", c.detail());
    }
    out().print(output.render(array));
  }

  /** What failed and where to look next. */
  static String advice(String namespace, List<ComponentCheck> failed) {
    StringBuilder s = new StringBuilder("not ready in namespace " + namespace + ": ");
    s.append(String.join(", ", failed.stream().map(ComponentCheck::component).distinct().toList()));
    if (failed.stream().anyMatch(c -> c.component().equals(STORE))) {
      s.append("; projects or builds that cannot be read: ")
          .append(StoreDamage.fix(StoreDamage.SECRET));
    }
    if (failed.stream().anyMatch(c -> c.name().isEmpty() && !c.component().equals(STORE))) {
      s.append("; a missing component: install the kubeherd chart in this namespace, or pass -n")
          .append(" with the namespace it is in");
    }
    List<String> names =
        failed.stream().map(ComponentCheck::name).filter(n -> !n.isEmpty()).distinct().toList();
    for (String name : names) {
      s.append("; look at 'kubectl -n ")
          .append(namespace)
          .append(" describe deployment ")
          .append(name)
          .append("' (events, pods) and 'kubectl -n ")
          .append(namespace)
          .append(" logs deployment/")
          .append(name)
          .append('\'');
    }
    return s.toString();
  }
}
