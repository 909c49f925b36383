package dev.kubeherd.worker.script;

import dev.kubeherd.sdkjs.SdkJs;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.util.Map;
import java.util.Set;
import org.graalvm.polyglot.io.FileSystem;

/**
 * What ES modules of a brigade.js may read: the checkout, read-only, and nothing else. The bare
 * specifiers {@code brigadier}, {@code brigade} and {@code @brigadecore/brigadier} map to our
 * module, {@code kubeherd} to the pipeline library. Paths outside the root answer {@link
 * NoSuchFileException} (not a security error), so module resolution simply does not find them.
 *
 * <p>The root may be bound after the context was built ({@link #unbound()}, {@link #bind}): a
 * context prepared ahead of its build sees no file at all until its build binds the checkout.
 */
final class CheckoutFileSystem implements FileSystem {
  static final Set<String> BRIGADIER_NAMES =
      Set.of("brigadier", "brigade", "@brigadecore/brigadier");
  static final String KUBEHERD_NAME = "kubeherd";
  private static final Path NOWHERE = Path.of("/nonexistent/kubeherd-unbound-checkout");
  private final byte[] brigadierText = SdkJs.BRIGADIER_ESM.text().getBytes(StandardCharsets.UTF_8);
  private final byte[] kubeherdText = SdkJs.KUBEHERD_ESM.text().getBytes(StandardCharsets.UTF_8);
  private final FileSystem delegate =
      FileSystem.newReadOnlyFileSystem(FileSystem.newDefaultFileSystem());
  private volatile Path root;
  private volatile Path brigadierModule;
  private volatile Path kubeherdModule;
  private volatile boolean bound;

  CheckoutFileSystem(Path root) {
    bind(root);
  }

  private CheckoutFileSystem() {
    use(NOWHERE);
  }

  /** A file system whose checkout is bound later: until then nothing can be read. */
  static CheckoutFileSystem unbound() {
    return new CheckoutFileSystem();
  }

  /** Sets the checkout; once only. */
  void bind(Path checkout) {
    if (bound) {
      throw new IllegalStateException("checkout already bound to " + root);
    }
    use(checkout);
    bound = true;
  }

  private void use(Path checkout) {
    Path r = checkout.toAbsolutePath().normalize();
    brigadierModule = r.resolve(".kubeherd/brigadier.mjs");
    kubeherdModule = r.resolve(".kubeherd/kubeherd.mjs");
    root = r;
  }

  @Override
  public Path parsePath(URI uri) {
    return delegate.parsePath(uri);
  }

  @Override
  public Path parsePath(String path) {
    if (BRIGADIER_NAMES.contains(path)) {
      return brigadierModule;
    }
    if (KUBEHERD_NAME.equals(path)) {
      return kubeherdModule;
    }
    return delegate.parsePath(path);
  }

  @Override
  public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... options)
      throws IOException {
    if (isBrigadier(path) || isKubeherd(path)) {
      return;
    }
    delegate.checkAccess(inside(path), modes, options);
  }

  @Override
  public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
    throw new IOException("the checkout is read-only for scripts: " + dir);
  }

  @Override
  public void delete(Path path) throws IOException {
    throw new IOException("the checkout is read-only for scripts: " + path);
  }

  @Override
  public SeekableByteChannel newByteChannel(
      Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
    if (isBrigadier(path)) {
      return new ReadOnlyBytesChannel(brigadierText);
    }
    if (isKubeherd(path)) {
      return new ReadOnlyBytesChannel(kubeherdText);
    }
    return delegate.newByteChannel(inside(path), options, attrs);
  }

  @Override
  public DirectoryStream<Path> newDirectoryStream(
      Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
    return delegate.newDirectoryStream(inside(dir), filter);
  }

  @Override
  public Path toAbsolutePath(Path path) {
    return path.isAbsolute() ? path : root.resolve(path);
  }

  @Override
  public Path toRealPath(Path path, LinkOption... options) throws IOException {
    if (isBrigadier(path)) {
      return brigadierModule;
    }
    if (isKubeherd(path)) {
      return kubeherdModule;
    }
    Path real = delegate.toRealPath(inside(path), options);
    return inside(real);
  }

  @Override
  public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
      throws IOException {
    return delegate.readAttributes(inside(path), attributes, options);
  }

  private boolean isBrigadier(Path path) {
    return toAbsolutePath(path).normalize().equals(brigadierModule);
  }

  private boolean isKubeherd(Path path) {
    return toAbsolutePath(path).normalize().equals(kubeherdModule);
  }

  private Path inside(Path path) throws NoSuchFileException {
    Path abs = toAbsolutePath(path).normalize();
    if (!abs.startsWith(root)) {
      throw new NoSuchFileException(path.toString(), null, "outside the checkout " + root);
    }
    return abs;
  }
}
