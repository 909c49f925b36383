package dev.kubeherd.toolkit.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An engine in memory: local images, a registry, containers, and a log of every call ({@code "pull
 * X"}, {@code "create NAME from IMAGE"}, …). Builds and commits stack a fresh layer; scripts
 * succeed unless {@link #exitCodes} says otherwise; {@link #duringRun} sees each container as it
 * runs.
 */
final class FakeEngine implements Images, Containers {
  final Map<String, ImageInfo> local = new LinkedHashMap<>();
  final Map<String, ImageInfo> registry = new LinkedHashMap<>();
  final Map<String, ContainerSpec> containers = new LinkedHashMap<>();
  final List<ContainerSpec> created = new ArrayList<>();
  final List<String> calls = new ArrayList<>();

  /** Exit code per script path ({@code /tmp/scripts/assemble}); 0 when absent. */
  final Map<String, Integer> exitCodes = new HashMap<>();

  /** What {@code diff} answers per container command. */
  final Map<String, List<String>> diffs = new HashMap<>();

  /** What {@code export} streams per container command (a tar); an empty archive when absent. */
  final Map<String, byte[]> exports = new HashMap<>();

  /** Pushing fails for these images. */
  final List<String> unpushable = new ArrayList<>();

  /** Called with each container's spec while it runs. */
  Consumer<ContainerSpec> duringRun = spec -> {};

  /** Output lines per script path. */
  Function<String, List<String>> output = script -> List.of("running " + script);

  private final Map<String, String> startImages = new HashMap<>();
  private int layers;

  /** A local image with {@code n} layers, made at {@code created}, with labels. */
  ImageInfo image(String name, int n, Instant created, Map<String, String> labels) {
    List<String> ls = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ls.add(layer());
    }
    ImageInfo info = new ImageInfo("id-" + name, ls, created, labels, "/app");
    local.put(name, info);
    return info;
  }

  private String layer() {
    return "sha256:layer" + ++layers;
  }

  @Override
  public Optional<ImageInfo> inspect(String image) {
    calls.add("inspect " + image);
    return Optional.ofNullable(local.get(image));
  }

  @Override
  public boolean pull(String image) {
    calls.add("pull " + image);
    ImageInfo found = registry.get(image);
    if (found != null) {
      local.put(image, found);
    }
    return found != null;
  }

  @Override
  public void build(Path dockerfile, Path context, String image, Consumer<String> out) {
    calls.add("build " + image + " from " + dockerfile.getFileName());
    out.accept("STEP 1/1: RUN true");
    List<String> ls = new ArrayList<>(List.of("sha256:busybox"));
    ls.add(layer());
    local.put(image, new ImageInfo("id-" + image, ls, Instant.EPOCH, Map.of(), "/app"));
  }

  @Override
  public void tag(String source, String target) {
    calls.add("tag " + source + " " + target);
    local.put(target, local.get(source));
  }

  @Override
  public void remove(String image) {
    calls.add("rmi " + image);
    local.remove(image);
  }

  @Override
  public void push(String image) {
    calls.add("push " + image);
    if (unpushable.contains(image)) {
      throw new ImageBuildException("pushing " + image + " failed: connection refused");
    }
    registry.put(image, local.get(image));
  }

  @Override
  public void create(ContainerSpec spec) {
    calls.add("create " + spec.name() + " from " + spec.image());
    containers.put(spec.name(), spec);
    created.add(spec);
    startImages.put(spec.name(), spec.image());
  }

  @Override
  public void copyIn(String container, Path source, String target) {
    calls.add("cp " + source.getFileName() + " " + container + ":" + target);
  }

  @Override
  public void copyTarIn(String container, Path tar, String target) {
    calls.add("cp - " + container + ":" + target);
  }

  @Override
  public void copyOut(String container, String source, Path target) {
    calls.add("cp " + container + ":" + source);
    try {
      Files.writeString(target, "artifact of " + container);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public int run(String container, Consumer<String> out) {
    ContainerSpec spec = containers.get(container);
    String script = spec.command().getFirst();
    calls.add("start " + container + " (" + script + ")");
    duringRun.accept(spec);
    output.apply(script).forEach(out);
    return exitCodes.getOrDefault(script, 0);
  }

  @Override
  public int run(String container, Path stdout, Consumer<String> stderr) {
    ContainerSpec spec = containers.get(container);
    calls.add(
        "start " + container + " (" + spec.command().getFirst() + ") > " + stdout.getFileName());
    try {
      Files.writeString(stdout, "tar of the previous artifacts");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return exitCodes.getOrDefault(spec.command().getFirst(), 0);
  }

  @Override
  public List<String> diff(String container) {
    calls.add("diff " + container);
    return diffs.getOrDefault(containers.get(container).command().getFirst(), List.of());
  }

  @Override
  public void export(String container, StreamReader reader) {
    calls.add("export " + container);
    byte[] tar =
        exports.getOrDefault(containers.get(container).command().getFirst(), new byte[1024]);
    try {
      reader.read(new ByteArrayInputStream(tar));
    } catch (IOException e) {
      throw new ImageBuildException("reading the export of " + container + " failed", e);
    }
  }

  @Override
  public void commit(String container, String image, Map<String, String> labels, List<String> cmd) {
    calls.add("commit " + container + " " + image);
    ImageInfo start = local.get(startImages.get(container));
    List<String> ls = new ArrayList<>(start.layers());
    ls.add(layer());
    local.put(image, new ImageInfo("id-" + image, ls, Instant.EPOCH, labels, start.workingDir()));
  }

  @Override
  public void discard(String container) {
    calls.add("rm " + container);
    containers.remove(container);
  }

  /** The calls that start with {@code prefix}. */
  List<String> calls(String prefix) {
    return calls.stream().filter(c -> c.startsWith(prefix)).toList();
  }
}
