package dev.kubeherd.toolkit.ami;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code -var}s of the build (see packer/README.md): the resolved source AMI and Flatcar
 * release, channel, architecture, regions, name prefix, git sha, manifest path, and the build
 * instance's type and subnet. The instance type defaults by architecture unless a var file is given
 * (which may set it).
 */
public final class PackerVariables {
  private PackerVariables() {}

  public static Map<String, String> of(AmiBuildOptions o, FlatcarImage source, Path manifest) {
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("source_ami", source.imageId());
    vars.put("flatcar_version", source.version());
    vars.put("channel", o.channel().id());
    vars.put("arch", o.arch().id());
    vars.put("region", o.buildRegion());
    vars.put("ami_regions", hclList(o));
    vars.put("ami_name_prefix", o.amiNamePrefix());
    if (o.instanceType().isPresent()) {
      vars.put("instance_type", o.instanceType().get());
    } else if (o.varFile().isEmpty()) {
      vars.put("instance_type", o.arch().defaultInstanceType());
    }
    o.subnetId().ifPresent(s -> vars.put("subnet_id", s));
    vars.put("git_sha", o.gitSha());
    vars.put("manifest_path", manifest.toAbsolutePath().toString());
    return vars;
  }

  private static String hclList(AmiBuildOptions o) {
    return o.copyRegions().stream()
        .map(r -> "\"" + r + "\"")
        .collect(Collectors.joining(",", "[", "]"));
  }
}
