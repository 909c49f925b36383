package dev.kubeherd.toolkit.config;

import static dev.kubeherd.toolkit.config.SettingType.DURATION;
import static dev.kubeherd.toolkit.config.SettingType.INTEGER;
import static dev.kubeherd.toolkit.config.SettingType.PATH;
import static dev.kubeherd.toolkit.config.SettingType.STRING;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every toolkit setting, declared once: the command-line flag (long name, without dashes) it backs,
 * the environment variable, the {@code kubeherd.yaml} key, its type, default and meaning. Any
 * toolkit command option whose long name is a setting's flag gets the precedence flag > env >
 * {@code kubeherd.yaml} > default without further code. A flag name means the same thing in every
 * command; options that are specific to one command (such as {@code ssm put --type}) are not
 * settings.
 */
public enum ToolkitSetting {
  REGION(
      "region",
      "KUBEHERD_REGION",
      STRING,
      null,
      "AWS region (when unset: $AWS_REGION, as the AWS CLI)."),
  ENVIRONMENT(
      "environment",
      "KUBEHERD_ENVIRONMENT",
      STRING,
      null,
      "Environment: environments/<env>/ in the cluster repo, the GitHub deployment environment."),
  CLUSTER("cluster", "KUBEHERD_CLUSTER", STRING, null, "Cluster name (CLUSTER in helmfiles)."),
  KMS_KEY_ID(
      "kms-key-id",
      "KUBEHERD_KMS_KEY_ID",
      STRING,
      null,
      "KMS key for SecureString SSM parameters (when unset: the account's aws/ssm key)."),
  SSH_KEY_FROM_PATH(
      "ssh-key-from-path",
      "KUBEHERD_SSH_KEY_FROM_PATH",
      PATH,
      null,
      "File with the git deploy key (OpenSSH or PEM private key, no passphrase)."),
  SSH_KEY_FROM_SSM_PARAMETER(
      "ssh-key-from-ssm-parameter",
      "KUBEHERD_SSH_KEY_FROM_SSM_PARAMETER",
      STRING,
      null,
      "SSM parameter holding the git deploy key (read with decryption, kept in memory)."),
  GITHUB_TOKEN_SSM_PARAMETER(
      "github-token-ssm-parameter",
      "KUBEHERD_GITHUB_TOKEN_SSM_PARAMETER",
      STRING,
      null,
      "SSM parameter holding a GitHub token (git over HTTPS, the GitHub API)."),
  KNOWN_HOSTS(
      "known-hosts",
      "KUBEHERD_KNOWN_HOSTS",
      PATH,
      null,
      "known_hosts file for git over SSH: host keys are then checked strictly (when unset: any"
          + " host key is accepted and its fingerprint logged)."),
  HELMFILE("helmfile", "KUBEHERD_HELMFILE", STRING, "helmfile", "helmfile executable."),
  SOPS("sops", "KUBEHERD_SOPS", STRING, "sops", "sops executable."),
  HELM("helm", "KUBEHERD_HELM", STRING, "helm", "helm executable (when not run in-process)."),
  KUBECTL("kubectl", "KUBEHERD_KUBECTL", STRING, "kubectl", "kubectl executable."),
  TOOL_TIMEOUT(
      "tool-timeout",
      "KUBEHERD_TOOL_TIMEOUT",
      DURATION,
      "30m",
      "How long one run of helmfile, sops, helm or kubectl may take before it is stopped with its"
          + " child processes (deploy, undeploy, sdf4k, sync)."),
  ENGINE_TIMEOUT(
      "engine-timeout",
      "KUBEHERD_ENGINE_TIMEOUT",
      DURATION,
      "30m",
      "How long one container engine command (pull, push, a base image build, a build step's"
          + " container) may take before it is stopped (build dockerimage)."),
  PACKER("packer", "KUBEHERD_PACKER", STRING, "packer", "packer executable (build ami)."),
  MIN_HEALTHY_PERCENTAGE(
      "min-healthy-percentage",
      "KUBEHERD_MIN_HEALTHY_PERCENTAGE",
      INTEGER,
      "90",
      "Healthy share of an Auto Scaling group during an instance refresh (build ami)."),
  REFRESH_POLL_INTERVAL(
      "refresh-poll-interval",
      "KUBEHERD_REFRESH_POLL_INTERVAL",
      DURATION,
      "15s",
      "How often instance refreshes are checked (build ami)."),
  REFRESH_TIMEOUT(
      "refresh-timeout",
      "KUBEHERD_REFRESH_TIMEOUT",
      DURATION,
      "2h",
      "How long instance refreshes are followed (build ami).");

  private final String flag;
  private final String env;
  private final String yamlKey;
  private final SettingType type;
  private final String defaultValue;
  private final String description;

  ToolkitSetting(
      String flag, String env, SettingType type, String defaultValue, String description) {
    this.flag = flag;
    this.env = env;
    this.yamlKey = flag;
    this.type = type;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  /** The option's long name without the leading dashes, e.g. {@code kms-key-id}. */
  public String flag() {
    return flag;
  }

  /** The environment variable, always {@code KUBEHERD_*}. */
  public String env() {
    return env;
  }

  /** The key in {@code kubeherd.yaml} (top level or inside a command's section). */
  public String yamlKey() {
    return yamlKey;
  }

  public SettingType type() {
    return type;
  }

  /** The built-in default, if there is one. */
  public Optional<String> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  public String description() {
    return description;
  }

  /** The setting behind option name {@code name} ({@code --kms-key-id} or {@code kms-key-id}). */
  public static Optional<ToolkitSetting> forFlag(String name) {
    String bare = name.replaceFirst("^-+", "");
    return Arrays.stream(values()).filter(s -> s.flag.equals(bare)).findFirst();
  }

  /** The setting whose {@code kubeherd.yaml} key is {@code key}. */
  public static Optional<ToolkitSetting> forYamlKey(String key) {
    return Arrays.stream(values()).filter(s -> s.yamlKey.equals(key)).findFirst();
  }
}
