package dev.kubeherd.charts;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.List;

/** RBAC as the API server applies it to the rules the charts render (no wildcards there). */
final class Rbac {
  private Rbac() {}

  /**
   * Whether one of {@code rules} allows {@code verb} on {@code resource} of API group {@code
   * group}.
   */
  static boolean grants(List<PolicyRule> rules, String group, String resource, String verb) {
    return rules.stream()
        .anyMatch(
            r ->
                r.getApiGroups().contains(group)
                    && r.getResources().contains(resource)
                    && r.getVerbs().contains(verb));
  }

  static boolean grants(List<PolicyRule> rules, ApiCall call) {
    return grants(rules, call.group(), call.resource(), call.verb());
  }
}
