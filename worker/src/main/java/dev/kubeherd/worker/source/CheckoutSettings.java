package dev.kubeherd.worker.source;

import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectKeys;

/**
 * What a checkout takes from the project, as v1's git sidecar does (contract §4.8): the {@code
 * sshKey} ({@code $} standing for newlines, as brig writes it) for SSH clone URLs, the {@code
 * github.token} for HTTPS ones, and {@code initGitSubmodules}. {@link #toString()} never shows the
 * key or token.
 *
 * @param sshKey the private key text with real newlines, or empty
 * @param sshCert whether the project has an {@code sshCert} (not used here, see {@link
 *     GitCheckout})
 * @param token the HTTPS token, or empty
 * @param submodules whether submodules are checked out, recursively
 */
public record CheckoutSettings(String sshKey, boolean sshCert, String token, boolean submodules) {
  /** No credentials, no submodules. */
  public static final CheckoutSettings NONE = new CheckoutSettings("", false, "", false);

  public static CheckoutSettings of(Project project) {
    return new CheckoutSettings(
        project.value(ProjectKeys.SSH_KEY).replace('$', '\n'),
        !project.value(ProjectKeys.SSH_CERT).isEmpty(),
        project.value(ProjectKeys.GITHUB_TOKEN),
        project.flag(ProjectKeys.INIT_GIT_SUBMODULES, false));
  }

  @Override
  public String toString() {
    return "CheckoutSettings[sshKey="
        + (sshKey.isEmpty() ? "none" : "set")
        + ", sshCert="
        + sshCert
        + ", token="
        + (token.isEmpty() ? "none" : "set")
        + ", submodules="
        + submodules
        + "]";
  }
}
