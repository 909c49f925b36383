package dev.kubeherd.cli.ops;

import dev.kubeherd.cli.CliException;
import dev.kubeherd.cli.KubeTarget;
import dev.kubeherd.kube.store.KubeRetry;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Where {@code brig dashboard} forwards to: a ready pod behind the chart's gateway Service and the
 * container port the Service's {@code http} port targets, which is the port the gateway serves its
 * dashboard on ({@code docs/api.md}).
 *
 * @param service the gateway Service's name
 * @param pod the chosen pod's name
 * @param port the pod's container port
 */
record GatewayTarget(String service, String pod, int port) {
  static final String HTTP = "http";

  /**
   * @throws CliException naming the namespace and the label selector when there is no gateway
   *     Service, no ready pod behind it, or no such container port
   */
  static GatewayTarget resolve(KubeTarget target) {
    Service service = service(target);
    ServicePort servicePort = httpPort(service, target.namespace());
    Map<String, String> selector = service.getSpec().getSelector();
    Pod pod = readyPod(target, service.getMetadata().getName(), selector);
    return new GatewayTarget(
        service.getMetadata().getName(),
        pod.getMetadata().getName(),
        containerPort(pod, servicePort, target.namespace()));
  }

  /** The chart's gateway Services in the target's namespace, through {@link KubeRetry}. */
  static List<Service> services(KubeTarget target) {
    return KubeRetry.standard()
        .call(
            "list the gateway Services in namespace " + target.namespace(),
            () ->
                target
                    .client()
                    .services()
                    .inNamespace(target.namespace())
                    .withLabels(ChartLabels.of(ChartLabels.GATEWAY))
                    .list())
        .getItems();
  }

  private static Service service(KubeTarget target) {
    return services(target).stream()
        .min(Comparator.comparing(s -> s.getMetadata().getName()))
        .orElseThrow(
            () ->
                new CliException(
                    "no kubeherd gateway Service in namespace "
                        + target.namespace()
                        + " (label selector "
                        + ChartLabels.selector(ChartLabels.GATEWAY)
                        + "): install the kubeherd chart there with gateway.enabled=true, or pass"
                        + " -n with the namespace it is in"));
  }

  private static ServicePort httpPort(Service service, String namespace) {
    List<ServicePort> ports = service.getSpec().getPorts();
    if (ports == null || ports.isEmpty()) {
      throw new CliException(
          "the gateway Service "
              + service.getMetadata().getName()
              + " in namespace "
              + namespace
              + " has no ports");
    }
    return ports.stream().filter(p -> HTTP.equals(p.getName())).findFirst().orElse(ports.get(0));
  }

  private static Pod readyPod(KubeTarget target, String service, Map<String, String> selector) {
    if (selector == null || selector.isEmpty()) {
      throw new CliException(
          "the gateway Service "
              + service
              + " in namespace "
              + target.namespace()
              + " has no pod selector, so brig cannot tell which pod to forward to");
    }
    return KubeRetry.standard()
        .call(
            "list the gateway pods in namespace " + target.namespace(),
            () ->
                target.client().pods().inNamespace(target.namespace()).withLabels(selector).list())
        .getItems()
        .stream()
        .filter(GatewayTarget::ready)
        .min(Comparator.comparing(p -> p.getMetadata().getName()))
        .orElseThrow(
            () ->
                new CliException(
                    "no ready gateway pod in namespace "
                        + target.namespace()
                        + " (label selector "
                        + selector(selector)
                        + " of Service "
                        + service
                        + "): look at 'kubectl -n "
                        + target.namespace()
                        + " get pods -l "
                        + selector(selector)
                        + "'"));
  }

  static boolean ready(Pod pod) {
    if (pod.getStatus() == null || !"Running".equals(pod.getStatus().getPhase())) {
      return false;
    }
    List<PodCondition> conditions = pod.getStatus().getConditions();
    return conditions != null
        && conditions.stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** The Service port's target: a number, a container port's name, or the Service port itself. */
  private static int containerPort(Pod pod, ServicePort servicePort, String namespace) {
    IntOrString target = servicePort.getTargetPort();
    if (target == null) {
      return servicePort.getPort();
    }
    if (target.getIntVal() != null) {
      return target.getIntVal();
    }
    String name = target.getStrVal();
    return pod.getSpec().getContainers().stream()
        .map(c -> c.getPorts())
        .filter(Objects::nonNull)
        .flatMap(List::stream)
        .filter(p -> name.equals(p.getName()))
        .map(ContainerPort::getContainerPort)
        .findFirst()
        .orElseThrow(
            () ->
                new CliException(
                    "the gateway pod "
                        + pod.getMetadata().getName()
                        + " in namespace "
                        + namespace
                        + " has no container port named "
                        + name
                        + ", which its Service targets"));
  }

  private static String selector(Map<String, String> labels) {
    return labels.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(","));
  }
}
