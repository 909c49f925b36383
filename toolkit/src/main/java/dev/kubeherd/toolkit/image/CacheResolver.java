package dev.kubeherd.toolkit.image;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Finds the images a stage starts from (toolkit doc §2.1 steps 3, 4, 6 and 8): a base image is
 * local, else pulled, else built from its Dockerfile; a cache image is local, else pulled, else the
 * base tagged as the cache. A found cache image still has to pass the {@link CacheGuard}. A forced
 * rebuild starts from the base without looking for a cache image, so none is pulled.
 */
final class CacheResolver {
  private final Images images;
  private final Progress progress;
  private final boolean forceRebuild;

  /**
   * @param forceRebuild start every stage from its base: no cache image is looked for, neither
   *     local nor in the registry
   */
  CacheResolver(Images images, Progress progress, boolean forceRebuild) {
    this.images = images;
    this.progress = progress;
    this.forceRebuild = forceRebuild;
  }

  /** Force rebuild: forget the local cache and base images (the registry keeps its copies). */
  void forget(String cache, String base) {
    for (String image : new String[] {cache, base}) {
      if (images.inspect(image).isPresent()) {
        progress.detail("removing " + image);
        images.remove(image);
      }
    }
  }

  BaseImage base(String image, Path dockerfile, Path context) {
    Optional<ImageInfo> local = images.inspect(image);
    if (local.isPresent()) {
      progress.detail(image + ": local");
      return new BaseImage(image, local.get(), "local");
    }
    if (images.pull(image)) {
      progress.detail(image + ": pulled");
      return new BaseImage(image, inspected(image), "pulled");
    }
    progress.detail(image + ": not local, not in the registry; building " + dockerfile);
    images.build(dockerfile, context, image, progress::output);
    return new BaseImage(image, inspected(image), "built");
  }

  /** The cache image to start from, or the base when there is none or the guard says so. */
  StartImage cache(String cache, BaseImage base, CacheGuard guard, Instant now) {
    if (forceRebuild) {
      progress.detail(
          "--force-rebuild: a fresh chain from " + base.image() + "; " + cache + " is not used");
      return new StartImage(
          base.image(), base.info(), StartImage.Origin.FRESH_CHAIN, "--force-rebuild", now);
    }
    Optional<Found> found = find(cache);
    if (found.isEmpty()) {
      progress.detail(cache + ": none yet; tagging the base " + base.image() + " as the cache");
      images.tag(base.image(), cache);
      return new StartImage(cache, base.info(), StartImage.Origin.BASE_AS_CACHE, "", now);
    }
    ImageInfo info = found.get().info();
    CacheGuard.Decision decision = guard.decide(info, now);
    if (decision.freshChain()) {
      progress.detail("fresh chain from " + base.image() + ": " + decision.reason());
      return new StartImage(
          base.image(), base.info(), StartImage.Origin.FRESH_CHAIN, decision.reason(), now);
    }
    boolean pulled = found.get().pulled();
    progress.detail(
        cache
            + ": "
            + (pulled ? "pulled" : "local")
            + ", "
            + info.layers().size()
            + " layers, chain started "
            + decision.chainStarted());
    return new StartImage(
        cache,
        info,
        pulled ? StartImage.Origin.PULLED_CACHE : StartImage.Origin.LOCAL_CACHE,
        "",
        decision.chainStarted());
  }

  /**
   * The previous image of an incremental build (local or pulled), if any; none to force a rebuild.
   */
  Optional<ImageInfo> previous(String cache) {
    return forceRebuild ? Optional.empty() : find(cache).map(Found::info);
  }

  private record Found(ImageInfo info, boolean pulled) {}

  private Optional<Found> find(String image) {
    Optional<ImageInfo> local = images.inspect(image);
    if (local.isPresent()) {
      return Optional.of(new Found(local.get(), false));
    }
    if (images.pull(image)) {
      return Optional.of(new Found(inspected(image), true));
    }
    return Optional.empty();
  }

  private ImageInfo inspected(String image) {
    return images
        .inspect(image)
        .orElseThrow(
            () ->
                new ImageBuildException(
                    image + " is not in the engine after pulling or building it"));
  }
}
