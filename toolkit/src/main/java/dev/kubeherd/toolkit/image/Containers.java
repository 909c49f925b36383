package dev.kubeherd.toolkit.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The container side of a docker-compatible engine: create a container from an image, put inputs
 * in, run it, look at what changed, commit it as one layer, take files out, remove it.
 */
public interface Containers {
  /** Creates (does not start) the container. */
  void create(ContainerSpec spec);

  /** Copies a host directory's contents, or a file, into the container's {@code target}. */
  void copyIn(String container, Path source, String target);

  /** Unpacks the tar file {@code tar} into the container's (existing) {@code target} directory. */
  void copyTarIn(String container, Path tar, String target);

  /** Copies {@code source} from the container to the host path {@code target}. */
  void copyOut(String container, String source, Path target);

  /**
   * Starts the container and waits for it, each output line (stdout and stderr) to {@code output}.
   *
   * @return the container's exit code
   */
  int run(String container, Consumer<String> output);

  /**
   * Starts the container and waits for it, its stdout into {@code stdout}, each stderr line to
   * {@code stderr}.
   *
   * @return the container's exit code
   */
  int run(String container, Path stdout, Consumer<String> stderr);

  /**
   * The paths the container added or changed ({@code A /path}, {@code C /path}, {@code D /path}).
   */
  List<String> diff(String container);

  /**
   * Streams the container's whole file system (without what is mounted) as a tar to {@code reader},
   * which reads it in this call; what it leaves unread is read and dropped.
   *
   * @throws ImageBuildException when the engine fails or {@code reader} throws
   */
  void export(String container, StreamReader reader);

  /** Reads a stream (not closing it). */
  @FunctionalInterface
  interface StreamReader {
    void read(InputStream in) throws IOException;
  }

  /** Commits the container's file system changes as one layer on its image. */
  void commit(String container, String image, Map<String, String> labels, List<String> cmd);

  /** Removes the container, running or not (a missing one is fine). */
  void discard(String container);
}
