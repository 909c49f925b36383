package dev.kubeherd.gateway.status;

import java.nio.file.Path;
import java.util.Map;

/**
 * The GitHub App the gateway acts as when it reports statuses: its ID ({@code APP_ID}, as v1's
 * brigade-github-app) and the file holding its private key ({@code --key-file}, default {@value
 * #DEFAULT_KEY_FILE}). With no ID, statuses use the projects' {@code github.token}.
 *
 * @param appId the App's numeric ID as text; empty when no App is configured
 * @param keyFile the App's private key, PEM (PKCS#1 {@code RSA PRIVATE KEY} as GitHub downloads it,
 *     or PKCS#8 {@code PRIVATE KEY})
 */
public record GithubAppSettings(String appId, Path keyFile) {
  public static final String APP_ID_ENV = "APP_ID";
  public static final String DEFAULT_KEY_FILE = "/etc/brigade-github-app/key.pem";

  public GithubAppSettings {
    appId = appId == null ? "" : appId.trim();
    keyFile = keyFile == null ? Path.of(DEFAULT_KEY_FILE) : keyFile;
  }

  /** {@code APP_ID} from {@code env}, the key from {@code keyFile}. */
  public static GithubAppSettings fromEnv(Map<String, String> env, Path keyFile) {
    return new GithubAppSettings(env.getOrDefault(APP_ID_ENV, ""), keyFile);
  }

  /** No App: statuses use the projects' tokens. */
  public static GithubAppSettings none() {
    return new GithubAppSettings("", Path.of(DEFAULT_KEY_FILE));
  }

  public boolean configured() {
    return !appId.isEmpty();
  }
}
