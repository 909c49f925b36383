package dev.kubeherd.charts;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Rules every chart's output keeps, whatever the values. */
final class Policies {
  /** Stable API versions only: no beta, no removed versions. */
  static final Set<String> API_VERSIONS =
      Set.of(
          "v1",
          "apps/v1",
          "batch/v1",
          "policy/v1",
          "autoscaling/v2",
          "networking.k8s.io/v1",
          "rbac.authorization.k8s.io/v1");

  private Policies() {}

  static void assertAll(Rendered r) {
    for (HasMetadata o : r.objects()) {
      String what = r.chart() + " " + o.getKind() + "/" + o.getMetadata().getName();
      assertThat(o.getApiVersion()).as("%s apiVersion", what).isIn(API_VERSIONS);
      assertThat(o.getMetadata().getLabels())
          .as("%s labels", what)
          .containsEntry("app.kubernetes.io/managed-by", "Helm")
          .containsKey("app.kubernetes.io/instance")
          .containsKey("app.kubernetes.io/name");
    }
    noLoadBalancers(r);
    noClusterWideRbac(r);
    r.all(Deployment.class)
        .forEach(
            d ->
                restrictedPod(
                    r.chart() + " Deployment/" + name(d), d.getSpec().getTemplate().getSpec()));
    r.all(Job.class)
        .forEach(
            j -> restrictedPod(r.chart() + " Job/" + name(j), j.getSpec().getTemplate().getSpec()));
    r.all(Ingress.class)
        .forEach(
            i ->
                assertThat(i.getSpec().getIngressClassName())
                    .as("%s ingress class", name(i))
                    .isEqualTo("nginx"));
    replicatedDeploymentsHaveADisruptionBudget(r);
  }

  static void noLoadBalancers(Rendered r) {
    for (Service s : r.all(Service.class)) {
      assertThat(s.getSpec().getType())
          .as("%s Service/%s type", r.chart(), name(s))
          .isEqualTo("ClusterIP");
    }
  }

  /**
   * Namespaced Roles only, but for the opt-in pipeline installer's ClusterRole (no wildcard, no
   * escalate, bind or impersonate) bound to a service account of the release namespace; nothing is
   * ever bound to cluster-admin or admin.
   */
  static void noClusterWideRbac(Rendered r) {
    for (ClusterRole role : r.all(ClusterRole.class)) {
      assertThat(role.getMetadata().getLabels())
          .as("%s ClusterRole/%s", r.chart(), name(role))
          .containsEntry("app.kubernetes.io/component", "pipeline-installer");
      role.getRules()
          .forEach(
              rule -> {
                assertThat(rule.getVerbs())
                    .as("ClusterRole/%s verbs", name(role))
                    .doesNotContain("*", "escalate", "bind", "impersonate");
                assertThat(rule.getResources())
                    .as("ClusterRole/%s resources", name(role))
                    .doesNotContain("*");
              });
    }
    for (ClusterRoleBinding b : r.all(ClusterRoleBinding.class)) {
      assertThat(b.getRoleRef().getName())
          .as("ClusterRoleBinding/%s roleRef", name(b))
          .startsWith("kubeherd-pipeline-installer-");
      assertThat(b.getSubjects())
          .as("ClusterRoleBinding/%s subjects", name(b))
          .allSatisfy(s -> assertThat(s.getKind()).isEqualTo("ServiceAccount"));
    }
    for (RoleBinding b : r.all(RoleBinding.class)) {
      assertThat(b.getRoleRef().getKind()).as("RoleBinding/%s roleRef", name(b)).isEqualTo("Role");
      assertThat(b.getRoleRef().getName()).isNotIn("cluster-admin", "admin", "edit");
    }
  }

  /** Pod Security "restricted" plus resource requests on every container. */
  static void restrictedPod(String what, PodSpec pod) {
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).as("%s runAsNonRoot", what).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).as("%s runAsUser", what).isPositive();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType())
        .as("%s seccompProfile", what)
        .isEqualTo("RuntimeDefault");
    assertThat(pod.getHostNetwork()).as("%s hostNetwork", what).isNotEqualTo(Boolean.TRUE);
    assertThat(pod.getVolumes())
        .as("%s volumes", what)
        .allSatisfy(v -> assertThat(v.getHostPath()).isNull());
    for (Container c : pod.getContainers()) {
      String cw = what + " container " + c.getName();
      assertThat(c.getSecurityContext().getAllowPrivilegeEscalation())
          .as("%s privilege escalation", cw)
          .isFalse();
      assertThat(c.getSecurityContext().getReadOnlyRootFilesystem())
          .as("%s read-only root", cw)
          .isTrue();
      assertThat(c.getSecurityContext().getPrivileged())
          .as("%s privileged", cw)
          .isNotEqualTo(Boolean.TRUE);
      assertThat(c.getSecurityContext().getCapabilities().getDrop())
          .as("%s drops", cw)
          .containsExactly("ALL");
      assertThat(c.getSecurityContext().getCapabilities().getAdd())
          .as("%s adds", cw)
          .isNullOrEmpty();
      assertThat(c.getResources().getRequests())
          .as("%s requests", cw)
          .containsKeys("cpu", "memory");
      assertThat(c.getResources().getLimits()).as("%s limits", cw).containsKey("memory");
    }
  }

  /** A Deployment running more than one pod always has a PDB selecting exactly its pods. */
  static void replicatedDeploymentsHaveADisruptionBudget(Rendered r) {
    for (Deployment d : r.all(Deployment.class)) {
      int replicas = minReplicas(r, d);
      Map<String, String> podLabels = d.getSpec().getSelector().getMatchLabels();
      Optional<PodDisruptionBudget> pdb =
          r.all(PodDisruptionBudget.class).stream()
              .filter(p -> p.getSpec().getSelector().getMatchLabels().equals(podLabels))
              .findFirst();
      if (replicas > 1) {
        assertThat(pdb)
            .as("%s Deployment/%s (%d replicas) PDB", r.chart(), name(d), replicas)
            .isPresent();
      } else {
        assertThat(pdb)
            .as("%s Deployment/%s (1 replica) must not block drains", r.chart(), name(d))
            .isEmpty();
      }
    }
  }

  /** spec.replicas, or the minReplicas of the HPA that scales it. */
  static int minReplicas(Rendered r, Deployment d) {
    return r.all(HorizontalPodAutoscaler.class).stream()
        .filter(h -> h.getSpec().getScaleTargetRef().getName().equals(name(d)))
        .map(h -> h.getSpec().getMinReplicas())
        .findFirst()
        .orElseGet(() -> Optional.ofNullable(d.getSpec().getReplicas()).orElse(1));
  }

  static String name(HasMetadata o) {
    return o.getMetadata().getName();
  }
}
