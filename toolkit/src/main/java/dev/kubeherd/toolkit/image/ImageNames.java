package dev.kubeherd.toolkit.image;

/**
 * The six image names of one build (toolkit doc §2.1 step 2). Base and cache names carry the md5 of
 * their Dockerfile, so changing a Dockerfile starts a fresh cache chain; the builder output and the
 * final image carry the build's tag.
 *
 * @param builderBase built from the builder Dockerfile
 * @param builderCache where each builder run starts (the previous builder output)
 * @param builderOutput this build's builder output
 * @param runtimeBase built from the runtime Dockerfile
 * @param runtimeCache where each runtime run starts (the previous final image)
 * @param finalImage {@code REPO:<tag>}
 */
public record ImageNames(
    String builderBase,
    String builderCache,
    String builderOutput,
    String runtimeBase,
    String runtimeCache,
    String finalImage) {

  static final String BUILDER = "builder";
  static final String RUNTIME = "runtime";

  /**
   * @param builderHash md5 (hex) of the builder Dockerfile
   * @param runtimeHash md5 (hex) of the runtime Dockerfile
   */
  public static ImageNames of(
      String repository,
      String tag,
      String cacheTag,
      TagScheme scheme,
      String builderHash,
      String runtimeHash) {
    return new ImageNames(
        scheme.name(repository, BUILDER, builderHash),
        scheme.name(repository, BUILDER, builderHash + "-" + cacheTag),
        scheme.name(repository, BUILDER, tag),
        scheme.name(repository, RUNTIME, runtimeHash),
        scheme.name(repository, RUNTIME, runtimeHash + "-" + cacheTag),
        repository + ":" + tag);
  }
}
