package dev.kubeherd.toolkit.image;

import java.util.Locale;

/**
 * How the builder and runtime images are named next to the final image: all as tags of one
 * repository ({@link #MONO}, the prototype's {@code MONO_REPO=1}) or in {@code REPO/builder} and
 * {@code REPO/runtime} repositories ({@link #SPLIT}).
 */
public enum TagScheme {
  /** {@code REPO:builder-<hash>}, {@code REPO:runtime-<hash>-cache}, {@code REPO:<tag>}. */
  MONO,
  /** {@code REPO/builder:<hash>}, {@code REPO/runtime:<hash>-cache}, {@code REPO:<tag>}. */
  SPLIT;

  /** {@code mono} or {@code split}, any case. */
  public static TagScheme of(String value) {
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--tag-scheme must be mono or split, not " + value, e);
    }
  }

  /** The image name of {@code stage} ({@code builder}/{@code runtime}) with {@code suffix}. */
  String name(String repository, String stage, String suffix) {
    return this == MONO
        ? repository + ":" + stage + "-" + suffix
        : repository + "/" + stage + ":" + suffix;
  }
}
