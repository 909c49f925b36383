package dev.kubeherd.charts;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** namespace-defaults: what each listed namespace gets, and what nobody gets. */
class NamespaceDefaultsChartTest {
  private static Rendered twoApps() {
    return Charts.render(Charts.NAMESPACE_DEFAULTS).values("two-apps.yaml").objects();
  }

  private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> T in(
      Rendered r, Class<T> type, String namespace, String name) {
    return r.all(type).stream()
        .filter(o -> namespace.equals(o.getMetadata().getNamespace()))
        .filter(o -> name.equals(o.getMetadata().getName()))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no " + type.getSimpleName() + " " + namespace + "/" + name));
  }

  @Test
  void withoutNamespacesNothingIsRendered() {
    assertThat(Charts.render(Charts.NAMESPACE_DEFAULTS).objects().objects()).isEmpty();
  }

  @Test
  void everyListedNamespaceGetsTheSameSetOfObjects() {
    Rendered r = twoApps();

    for (String ns : List.of("shop", "blog")) {
      List<String> objects =
          r.objects().stream()
              .filter(o -> ns.equals(o.getMetadata().getNamespace()))
              .map(o -> o.getKind() + "/" + o.getMetadata().getName())
              .toList();
      assertThat(objects)
          .as("objects in %s", ns)
          .contains(
              "ServiceAccount/deployer",
              "ServiceAccount/pipeline-worker",
              "ServiceAccount/devops",
              "Role/developer",
              "Role/deployer",
              "RoleBinding/developer",
              "RoleBinding/deployer",
              "NetworkPolicy/default-deny-ingress",
              "NetworkPolicy/allow-same-namespace",
              "NetworkPolicy/allow-from-ingress",
              "NetworkPolicy/allow-from-monitoring",
              "ResourceQuota/defaults",
              "LimitRange/defaults");
    }
    assertThat(r.all(Namespace.class))
        .extracting(n -> n.getMetadata().getName())
        .containsExactly("shop", "blog");
  }

  @Test
  void namespacesCarryTheirLabelsAndPodSecurityLevels() {
    Rendered r = twoApps();

    assertThat(r.named(Namespace.class, "shop").getMetadata().getLabels())
        .containsEntry("app", "shop")
        .containsEntry("env", "production")
        .containsEntry("pod-security.kubernetes.io/enforce", "restricted")
        .containsEntry("pod-security.kubernetes.io/warn", "restricted")
        .containsEntry("pod-security.kubernetes.io/audit", "restricted");
    assertThat(r.named(Namespace.class, "blog").getMetadata().getLabels())
        .as("an entry overrides the level it names, keeps the others")
        .containsEntry("pod-security.kubernetes.io/enforce", "baseline")
        .containsEntry("pod-security.kubernetes.io/warn", "restricted");
  }

  @Test
  void developerGroupsComeFromTheValuesOrTheIamMappedDefault() {
    Rendered r = twoApps();

    assertThat(subjects(in(r, RoleBinding.class, "shop", "developer")))
        .containsExactly(
            "Group:kubeherd:shop:developers", "Group:acme:oncall", "ServiceAccount:deployer");
    assertThat(subjects(in(r, RoleBinding.class, "blog", "developer")))
        .as("no groups listed: the group AWS IAM principals are mapped to")
        .containsExactly(
            "Group:kubeherd:blog:developers", "User:alice@example.com", "ServiceAccount:deployer");
    assertThat(subjects(in(r, RoleBinding.class, "shop", "deployer")))
        .as("the app pipeline's job service account deploys too")
        .containsExactly(
            "ServiceAccount:deployer",
            "ServiceAccount:pipeline-worker",
            "ServiceAccount:brigade-worker");
  }

  @Test
  void developerRoleCoversWorkloadsExecAndLogsButNoIdentitiesOrRbac() {
    Role developer = in(twoApps(), Role.class, "shop", "developer");

    assertThat(resources(developer))
        .contains(
            "pods",
            "services",
            "deployments",
            "replicasets",
            "configmaps",
            "secrets",
            "ingresses",
            "jobs",
            "cronjobs",
            "horizontalpodautoscalers",
            "poddisruptionbudgets",
            "pods/exec",
            "pods/portforward",
            "pods/log")
        .doesNotContain(
            "serviceaccounts", "serviceaccounts/token", "roles", "rolebindings", "networkpolicies");
    assertThat(developer.getRules())
        .allSatisfy(
            rule -> {
              assertThat(rule.getApiGroups()).doesNotContain("rbac.authorization.k8s.io", "*");
              assertThat(rule.getResources()).doesNotContain("*");
              assertThat(rule.getVerbs()).doesNotContain("*", "escalate", "bind", "impersonate");
            });
  }

  @Test
  void deployerRoleAddsNetworkPoliciesAndAppServiceAccountsButNoRbac() {
    Rendered r = twoApps();
    Role deployer = in(r, Role.class, "shop", "deployer");

    assertThat(resources(deployer))
        .containsAll(resources(in(r, Role.class, "shop", "developer")))
        .contains("networkpolicies", "serviceaccounts")
        .doesNotContain("roles", "rolebindings", "serviceaccounts/token");
    assertThat(deployer.getRules())
        .allSatisfy(
            rule ->
                assertThat(rule.getApiGroups()).doesNotContain("rbac.authorization.k8s.io", "*"));
  }

  @Test
  void quotaForbidsLoadBalancerServicesWhateverTheQuotaValues() {
    Rendered r = twoApps();

    for (ResourceQuota q : r.all(ResourceQuota.class)) {
      assertThat(q.getSpec().getHard()).containsEntry("services.loadbalancers", new Quantity("0"));
    }
    assertThat(in(r, ResourceQuota.class, "shop", "defaults").getSpec().getHard())
        .as("an entry's quota is merged over the defaults")
        .containsEntry("requests.cpu", new Quantity("16"))
        .containsEntry("pods", new Quantity("200"))
        .containsEntry("limits.memory", new Quantity("16Gi"));
  }

  @Test
  void loadBalancerQuotaAboveZeroIsRejectedBySchema() {
    String error =
        Charts.render(Charts.NAMESPACE_DEFAULTS)
            .set("namespaces[0].name", "shop")
            .set("namespaces[0].quota.services\\.loadbalancers", "1")
            .failure();

    assertThat(error).contains("/namespaces/0/quota/services.loadbalancers");
  }

  @Test
  void networkPoliciesDenyIngressByDefaultAndAllowTheNamedPaths() {
    Rendered r =
        Charts.render(Charts.NAMESPACE_DEFAULTS).values("single-namespace-defaults.yaml").objects();

    NetworkPolicy deny = in(r, NetworkPolicy.class, "payments", "default-deny-ingress");
    assertThat(deny.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
    assertThat(deny.getSpec().getPolicyTypes()).containsExactly("Ingress");
    assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
    NetworkPolicy same = in(r, NetworkPolicy.class, "payments", "allow-same-namespace");
    assertThat(same.getSpec().getIngress().get(0).getFrom().get(0).getPodSelector()).isNotNull();
    assertThat(same.getSpec().getIngress().get(0).getFrom().get(0).getNamespaceSelector()).isNull();
    assertThat(fromNamespace(in(r, NetworkPolicy.class, "payments", "allow-from-ingress")))
        .isEqualTo("ingress-nginx");
    assertThat(fromNamespace(in(r, NetworkPolicy.class, "payments", "allow-from-monitoring")))
        .isEqualTo("prometheus");
    assertThat(r.all(NetworkPolicy.class))
        .extracting(p -> p.getMetadata().getName())
        .doesNotContain("default-deny-egress");
  }

  @Test
  void restrictedEgressAllowsOnlyDnsTheNamespaceAndListedCidrs() {
    Rendered r = twoApps();

    assertThat(in(r, NetworkPolicy.class, "blog", "default-deny-egress").getSpec().getPolicyTypes())
        .containsExactly("Egress");
    NetworkPolicy dns = in(r, NetworkPolicy.class, "blog", "allow-dns");
    assertThat(dns.getSpec().getEgress().get(0).getPorts())
        .extracting(p -> p.getProtocol() + "/" + p.getPort().getIntVal())
        .containsExactlyInAnyOrder("UDP/53", "TCP/53");
    assertThat(
            in(r, NetworkPolicy.class, "blog", "allow-egress-cidrs")
                .getSpec()
                .getEgress()
                .get(0)
                .getTo())
        .extracting(t -> t.getIpBlock().getCidr())
        .containsExactly("10.20.0.0/16");
    assertThat(
            r.all(NetworkPolicy.class).stream()
                .filter(p -> "shop".equals(p.getMetadata().getNamespace())))
        .extracting(p -> p.getMetadata().getName())
        .doesNotContain("default-deny-egress");
  }

  @Test
  void limitRangeGivesContainersDefaults() {
    Rendered r =
        Charts.render(Charts.NAMESPACE_DEFAULTS).values("single-namespace-defaults.yaml").objects();

    var limits = in(r, LimitRange.class, "payments", "defaults").getSpec().getLimits().get(0);
    assertThat(limits.getType()).isEqualTo("Container");
    assertThat(limits.getDefaultRequest())
        .containsEntry("cpu", new Quantity("50m"))
        .containsEntry("memory", new Quantity("64Mi"));
    assertThat(limits.getDefault()).containsEntry("memory", new Quantity("256Mi"));
    assertThat(limits.getMax()).containsEntry("cpu", new Quantity("4"));
    assertThat(r.named(Namespace.class, "payments").getMetadata().getLabels())
        .containsEntry("pod-security.kubernetes.io/enforce-version", "v1.31");
  }

  @Test
  void jobIdentitiesMountTheirTokenOthersDoNot() {
    Rendered r = twoApps();

    assertThat(in(r, ServiceAccount.class, "shop", "deployer").getAutomountServiceAccountToken())
        .isTrue();
    assertThat(
            in(r, ServiceAccount.class, "shop", "pipeline-worker")
                .getAutomountServiceAccountToken())
        .isTrue();
    assertThat(in(r, ServiceAccount.class, "shop", "devops").getAutomountServiceAccountToken())
        .isFalse();
  }

  @Test
  void namespaceListedTwiceFailsNamingIt() {
    String error =
        Charts.render(Charts.NAMESPACE_DEFAULTS)
            .set("namespaces[0].name", "shop")
            .set("namespaces[1].name", "shop")
            .set("namespaces[1].labels.env", "prod")
            .failure();

    assertThat(error).contains("namespaces: shop is listed twice");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "namespaces[0].name, Shop_1, /namespaces/0/name",
    "podSecurity.enforce, strict, /podSecurity/enforce",
    "networkPolicies.allowedCIDRs[0], everywhere, /networkPolicies/allowedCIDRs/0",
    "developers.group[0], devs, group",
  })
  void valueAgainstTheSchemaFailsNamingIt(String key, String value, String named) {
    String error = Charts.render(Charts.NAMESPACE_DEFAULTS).set(key, value).failure();

    assertThat(error)
        .contains("values don't meet the specifications of the schema")
        .contains(named);
  }

  private static List<String> subjects(RoleBinding b) {
    return b.getSubjects().stream().map(NamespaceDefaultsChartTest::subject).toList();
  }

  private static String subject(Subject s) {
    return s.getKind() + ":" + s.getName();
  }

  private static List<String> resources(Role role) {
    return role.getRules().stream()
        .map(PolicyRule::getResources)
        .flatMap(List::stream)
        .collect(Collectors.toList());
  }

  private static String fromNamespace(NetworkPolicy p) {
    Map<String, String> labels =
        p.getSpec().getIngress().get(0).getFrom().get(0).getNamespaceSelector().getMatchLabels();
    return labels.get("kubernetes.io/metadata.name");
  }
}
