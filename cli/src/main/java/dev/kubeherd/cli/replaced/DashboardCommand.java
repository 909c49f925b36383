package dev.kubeherd.cli.replaced;

import picocli.CommandLine.Command;

/** {@code brig dashboard}: v1 port-forwarded to Kashti; kubeherd's gateway serves a dashboard. */
@Command(
    name = "dashboard",
    mixinStandardHelpOptions = true,
    description = "Not in kubeherd (v1 opened Kashti); says where the gateway's dashboard is.")
public final class DashboardCommand extends ReplacedCommand {
  @Override
  String replacement() {
    return "The gateway serves the dashboard on its own port (GET /, /builds/ID; docs/api.md):"
        + " locally run 'kubeherd server --local --port 7746' and open http://localhost:7746/;"
        + " in a cluster 'kubectl port-forward' to the gateway Service and open its port.";
  }
}
