package dev.kubeherd.core.local.exec;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Makes sure an executor's work directory is private before a job's scripts are written there: job
 * scripts hold secrets (e.g. {@code docker login -p ...}) and run with this user's rights, so no
 * other user may read them or replace them before they run.
 *
 * <ul>
 *   <li>A missing work directory is created, with every missing parent, mode {@code 0700}.
 *   <li>The work directory must belong to this user and not be writable by others; if it is only
 *       readable by others (as kubeherd made it before it checked), it is narrowed to {@code 0700}.
 *   <li>Every directory above it must belong to this user or root, and one writable by others must
 *       have the sticky bit (as {@code /tmp} and {@code /dev/shm} do), so nobody else can rename
 *       the work directory away and put their own in its place.
 * </ul>
 *
 * Symbolic links are resolved first, and jobs then use the resolved path, so a link owned by
 * someone else cannot be pointed elsewhere after the check.
 */
final class PrivateWorkDir {
  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
  static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIR =
      PosixFilePermissions.asFileAttribute(OWNER_ONLY);
  private static final int GROUP_OTHER_BITS = 0077;
  private static final int GROUP_OTHER_WRITE = 0022;
  private static final int STICKY = 01000;
  private static final long ROOT = 0;
  private static final long ME = new UnixSystem().getUid();

  private PrivateWorkDir() {}

  /**
   * The work directory's resolved path, once it is private.
   *
   * @throws IOException if it or a directory above it lets other users change it, saying what to do
   */
  static Path secure(Path workDir) throws IOException {
    if (Files.notExists(workDir)) {
      Files.createDirectories(workDir, OWNER_ONLY_DIR);
    }
    Path real = workDir.toRealPath();
    checkOwnDirectory(real);
    for (Path above = real.getParent(); above != null; above = above.getParent()) {
      checkAbove(above, real);
    }
    return real;
  }

  private static void checkOwnDirectory(Path dir) throws IOException {
    long owner = uid(dir);
    int mode = mode(dir);
    if (owner != ME) {
      throw new IOException(
          "job directory "
              + dir
              + " belongs to user ID "
              + owner
              + ", not to this user ("
              + ME
              + "), so it could read or replace job scripts; remove it (rm -rf "
              + dir
              + ") or set "
              + JobWorkDirs.ENV
              + " to a directory of your own");
    }
    if ((mode & GROUP_OTHER_WRITE) != 0) {
      throw new IOException(
          "job directory "
              + dir
              + " has mode "
              + octal(mode)
              + ", so other users could replace job scripts there; remove it (rm -rf "
              + dir
              + ") or set "
              + JobWorkDirs.ENV
              + " to a private directory (mode 700)");
    }
    if ((mode & GROUP_OTHER_BITS) != 0) {
      Files.setPosixFilePermissions(dir, OWNER_ONLY);
    }
  }

  private static void checkAbove(Path above, Path dir) throws IOException {
    long owner = uid(above);
    int mode = mode(above);
    String problem;
    if (owner != ME && owner != ROOT) {
      problem = "belongs to user ID " + owner;
    } else if ((mode & GROUP_OTHER_WRITE) != 0 && (mode & STICKY) == 0) {
      problem = "has mode " + octal(mode) + " (writable by others, no sticky bit)";
    } else {
      return;
    }
    throw new IOException(
        above
            + ", above the job directory "
            + dir
            + ", "
            + problem
            + ", so another user could replace the job directory; set "
            + JobWorkDirs.ENV
            + " to a private directory elsewhere");
  }

  private static long uid(Path path) throws IOException {
    return ((Number) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
  }

  private static int mode(Path path) throws IOException {
    return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
  }

  private static String octal(int mode) {
    return String.format("%04o", mode);
  }
}
