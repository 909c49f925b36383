package dev.kubeherd.toolkit.ami;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Everything {@code kubeherd build ami} was asked to do, validated once. The first region is the
 * build region (where launch templates and Auto Scaling groups live); the others receive copies.
 * Build with {@link #builder()}.
 */
public record AmiBuildOptions(
    Optional<Path> template,
    Optional<Path> varFile,
    FlatcarChannel channel,
    String flatcarVersion,
    AmiArch arch,
    List<String> regions,
    Optional<String> instanceType,
    Optional<String> subnetId,
    String amiNamePrefix,
    Optional<String> ssmParameter,
    List<String> launchTemplates,
    List<String> autoScalingGroups,
    boolean startInstanceRefresh,
    RefreshOptions refresh,
    OptionalInt keep,
    boolean rollback,
    String packer,
    String gitSha,
    Duration refreshPollInterval,
    Duration refreshTimeout,
    Duration packerTimeout) {

  private static final Pattern NAME_PREFIX =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9()\\[\\]./'@_-]*");

  public AmiBuildOptions {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(arch, "arch");
    Objects.requireNonNull(refresh, "refresh");
    regions = List.copyOf(regions);
    launchTemplates = List.copyOf(launchTemplates);
    autoScalingGroups = List.copyOf(autoScalingGroups);
    check(
        FlatcarQuery.isValidVersion(flatcarVersion),
        "--flatcar-version must be current or a release like 4152.2.3, not " + flatcarVersion);
    check(!regions.isEmpty(), "give the build region with --region (repeat it for copies)");
    checkNoRepeats("--region", regions);
    checkNoRepeats("--launch-template", launchTemplates);
    checkNoRepeats("--asg", autoScalingGroups);
    check(
        NAME_PREFIX.matcher(amiNamePrefix).matches(),
        "--ami-name-prefix may hold letters, digits and ()[]./'@_- only, not " + amiNamePrefix);
    check(
        keep.isEmpty() || keep.getAsInt() >= 1,
        "--keep must be at least 1 (the AMI just built is always kept)");
    check(
        !startInstanceRefresh || !autoScalingGroups.isEmpty(),
        "--start-instance-refresh needs the groups to refresh: add --asg NAME");
    check(
        !startInstanceRefresh || !launchTemplates.isEmpty(),
        "--start-instance-refresh needs --launch-template NAME: the refresh rolls the groups to"
            + " its new version");
    check(
        !rollback || !launchTemplates.isEmpty(),
        "--rollback needs the launch templates to roll back: add --launch-template NAME");
    check(
        !refreshPollInterval.isNegative() && !refreshPollInterval.isZero(),
        "the refresh poll interval must be positive");
    check(
        !refreshTimeout.isNegative() && !refreshTimeout.isZero(),
        "the refresh timeout must be positive");
    check(
        !packerTimeout.isNegative() && !packerTimeout.isZero(),
        "--packer-timeout must be positive");
    check(
        !startInstanceRefresh || refreshTimeout.compareTo(refresh.checkpointPauses()) > 0,
        "--refresh-timeout ("
            + refreshTimeout
            + ") must be longer than the refresh's pauses at --checkpoint-percentages "
            + refresh.checkpointPercentages()
            + ", "
            + refresh.checkpointPauses()
            + " in all with --checkpoint-delay "
            + refresh
                .checkpointDelay()
                .map(Duration::toString)
                .orElse(RefreshOptions.DEFAULT_CHECKPOINT_DELAY + " (Auto Scaling's default)")
            + ", and the instances still have to be replaced: raise --refresh-timeout or lower"
            + " --checkpoint-delay");
  }

  private static void checkNoRepeats(String flag, List<String> values) {
    List<String> repeated =
        values.stream().filter(v -> Collections.frequency(values, v) > 1).distinct().toList();
    check(
        repeated.isEmpty(),
        flag + " " + String.join(", ", repeated) + " is given more than once: give each once");
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** Where the AMI is built and the launch templates and groups are. */
  public String buildRegion() {
    return regions.getFirst();
  }

  /** The regions the AMI is copied to. */
  public List<String> copyRegions() {
    return regions.subList(1, regions.size());
  }

  public FlatcarQuery query() {
    return new FlatcarQuery(channel, flatcarVersion, arch, buildRegion());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Defaults as documented for the flags. */
  public static final class Builder {
    private Path template;
    private Path varFile;
    private FlatcarChannel channel = FlatcarChannel.STABLE;
    private String flatcarVersion = FlatcarQuery.CURRENT;
    private AmiArch arch = AmiArch.X86_64;
    private final List<String> regions = new ArrayList<>();
    private String instanceType;
    private String subnetId;
    private String amiNamePrefix = "kubeherd-node";
    private String ssmParameter;
    private final List<String> launchTemplates = new ArrayList<>();
    private final List<String> autoScalingGroups = new ArrayList<>();
    private boolean startInstanceRefresh;
    private RefreshOptions refresh = RefreshOptions.minHealthy(90);
    private Integer keep;
    private boolean rollback;
    private String packer = "packer";
    private String gitSha = "unknown";
    private Duration refreshPollInterval = Duration.ofSeconds(15);
    private Duration refreshTimeout = Duration.ofHours(2);
    private Duration packerTimeout = PackerRun.DEFAULT_TIMEOUT;

    public Builder template(Path v) {
      template = v;
      return this;
    }

    public Builder varFile(Path v) {
      varFile = v;
      return this;
    }

    public Builder channel(FlatcarChannel v) {
      channel = v;
      return this;
    }

    public Builder flatcarVersion(String v) {
      flatcarVersion = v;
      return this;
    }

    public Builder arch(AmiArch v) {
      arch = v;
      return this;
    }

    public Builder regions(List<String> v) {
      regions.addAll(v);
      return this;
    }

    public Builder region(String v) {
      regions.add(v);
      return this;
    }

    public Builder instanceType(String v) {
      instanceType = v;
      return this;
    }

    public Builder subnetId(String v) {
      subnetId = v;
      return this;
    }

    public Builder amiNamePrefix(String v) {
      amiNamePrefix = v;
      return this;
    }

    public Builder ssmParameter(String v) {
      ssmParameter = v;
      return this;
    }

    public Builder launchTemplates(List<String> v) {
      launchTemplates.addAll(v);
      return this;
    }

    public Builder launchTemplate(String v) {
      launchTemplates.add(v);
      return this;
    }

    public Builder autoScalingGroups(List<String> v) {
      autoScalingGroups.addAll(v);
      return this;
    }

    public Builder autoScalingGroup(String v) {
      autoScalingGroups.add(v);
      return this;
    }

    public Builder startInstanceRefresh(boolean v) {
      startInstanceRefresh = v;
      return this;
    }

    public Builder refresh(RefreshOptions v) {
      refresh = v;
      return this;
    }

    public Builder keep(Integer v) {
      keep = v;
      return this;
    }

    public Builder rollback(boolean v) {
      rollback = v;
      return this;
    }

    public Builder packer(String v) {
      packer = v;
      return this;
    }

    public Builder gitSha(String v) {
      gitSha = v;
      return this;
    }

    public Builder refreshPollInterval(Duration v) {
      refreshPollInterval = v;
      return this;
    }

    public Builder refreshTimeout(Duration v) {
      refreshTimeout = v;
      return this;
    }

    public Builder packerTimeout(Duration v) {
      packerTimeout = v;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the flag when a value or combination is invalid
     */
    public AmiBuildOptions build() {
      return new AmiBuildOptions(
          Optional.ofNullable(template),
          Optional.ofNullable(varFile),
          channel,
          flatcarVersion,
          arch,
          regions,
          blankToEmpty(instanceType),
          blankToEmpty(subnetId),
          amiNamePrefix,
          blankToEmpty(ssmParameter),
          launchTemplates,
          autoScalingGroups,
          startInstanceRefresh,
          refresh,
          keep == null ? OptionalInt.empty() : OptionalInt.of(keep),
          rollback,
          packer,
          gitSha == null || gitSha.isBlank() ? "unknown" : gitSha,
          refreshPollInterval,
          refreshTimeout,
          packerTimeout);
    }

    private static Optional<String> blankToEmpty(String v) {
      return Optional.ofNullable(v).filter(s -> !s.isBlank());
    }
  }
}
