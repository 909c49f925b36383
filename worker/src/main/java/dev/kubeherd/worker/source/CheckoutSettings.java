package dev.kubeherd.worker.source;

import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectKeys;

/**
 * What a checkout takes from the project, as v1's git sidecar does (contract §4.8): the {@code
 * sshKey} ({@code $} standing for newlines, as brig writes it) for SSH clone URLs, with the {@code
 * sshCert} (an OpenSSH user certificate for that key) when set, the {@code github.token} for HTTPS
 * ones, and {@code initGitSubmodules}. {@link #toString()} never shows the key, certificate or
 * token.
 *
 * @param sshKey the private key text with real newlines, or empty
 * @param sshCert the OpenSSH user certificate line ({@code -cert.pub}) of the sshKey, or empty
 * @param token the HTTPS token, or empty
 * @param submodules whether submodules are checked out, recursively
 */
public record CheckoutSettings(String sshKey, String sshCert, String token, boolean submodules) {
  /** No credentials, no submodules. */
  public static final CheckoutSettings NONE = new CheckoutSettings("", "", "", false);

  public static CheckoutSettings of(Project project) {
    return new CheckoutSettings(
        project.value(ProjectKeys.SSH_KEY).replace('$', '\n'),
        project.value(ProjectKeys.SSH_CERT).replace('$', '\n').strip(),
        project.value(ProjectKeys.GITHUB_TOKEN),
        project.flag(ProjectKeys.INIT_GIT_SUBMODULES, false));
  }

  @Override
  public String toString() {
    return "CheckoutSettings[sshKey="
        + (sshKey.isEmpty() ? "none" : "set")
        + ", sshCert="
        + (sshCert.isEmpty() ? "none" : "set")
        + ", token="
        + (token.isEmpty() ? "none" : "set")
        + ", submodules="
        + submodules
        + "]";
  }
}
