package dev.kubeherd.toolkit.image;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/** The image side of a docker-compatible engine: what a build looks up, makes, names and pushes. */
public interface Images {
  /** The local image of that name, if there is one. */
  Optional<ImageInfo> inspect(String image);

  /**
   * Pulls the image.
   *
   * @return false when the registry does not have it or cannot be reached (a cache miss)
   */
  boolean pull(String image);

  /**
   * {@code build -f DOCKERFILE -t IMAGE CONTEXT}, each output line to {@code output}.
   *
   * @throws StepFailedException when the build fails
   */
  void build(Path dockerfile, Path context, String image, Consumer<String> output);

  void tag(String source, String target);

  /** Removes the name (and the image if nothing else names it); a missing name is fine. */
  void remove(String image);

  /**
   * Pushes the image.
   *
   * @throws ImageBuildException naming the image and the engine's message when the push fails
   */
  void push(String image);
}
