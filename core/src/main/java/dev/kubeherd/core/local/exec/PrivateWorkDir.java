package dev.kubeherd.core.local.exec;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Makes sure an executor's work directory is private before a job's scripts are written there: job
 * scripts hold secrets (e.g. {@code docker login -p ...}) and run with this user's rights, so no
 * other user may read them or replace them before they run.
 *
 * <ul>
 *   <li>A missing work directory is created, with every missing parent, mode {@code 0700}.
 *   <li>The work directory and, when it lies in the per-user base {@code kubeherd-<user>} as on
 *       {@code /dev/shm}, that base and those between must belong to this user. In the per-user
 *       base, and in a work directory kubeherd chose itself ({@link WorkDir#ours}, e.g. the
 *       fallback {@code $KUBEHERD_HOME/jobs}, unless it or, on {@code /dev/shm}, the per-user base
 *       or a directory between is now a symbolic link), one other users can only read (older
 *       versions made them {@code 0755}) or only its group can write (umask 002) is narrowed to
 *       {@code 0700}. A work directory chosen elsewhere ({@code KUBEHERD_JOB_DIR}) is never
 *       changed: one others can only read is used as it is (each job's own directory in it is
 *       {@code 0700}, so others can at most list names), one its group can write (e.g. a team's
 *       {@code 2775} directory) is refused, naming {@code chmod 700}. A work directory anyone can
 *       write, or such a base without the sticky bit, is refused: others may have put files there,
 *       so it is to be removed.
 *   <li>Every directory above those must belong to this user or root, and one writable by others
 *       must have the sticky bit (as {@code /tmp} and {@code /dev/shm} do), so nobody else can
 *       rename the work directory away and put their own in its place.
 * </ul>
 *
 * Directories are checked from the root down, so a parent is private before the directory in it is
 * trusted. Every refusal names the command that fixes it, or says to set {@code KUBEHERD_JOB_DIR}.
 * Symbolic links are resolved first, and jobs then use the resolved path, so a link owned by
 * someone else cannot be pointed elsewhere after the check.
 */
final class PrivateWorkDir {
  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
  static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIR =
      PosixFilePermissions.asFileAttribute(OWNER_ONLY);
  private static final int GROUP_OTHER_BITS = 0077;
  private static final int GROUP_OTHER_WRITE = 0022;
  private static final int OTHER_WRITE = 0002;
  private static final int STICKY = 01000;
  private static final long ROOT = 0;
  private static final long ME = new UnixSystem().getUid();

  private PrivateWorkDir() {}

  /**
   * The work directory's resolved path, once it is private.
   *
   * @throws IOException if it or a directory above it lets other users change it, saying what to do
   */
  static Path secure(WorkDir workDir) throws IOException {
    Path path = workDir.path();
    if (Files.notExists(path)) {
      Files.createDirectories(path, OWNER_ONLY_DIR);
    }
    boolean chosenByKubeherd = workDir.ours() && noLinkFromOwnedTop(path);
    Path real = path.toRealPath();
    Path top = ownedChainTop(real);
    for (Path above : aboveTopDown(real)) {
      if (above.startsWith(top)) {
        checkOwnBase(above, real);
      } else {
        checkAbove(above, real);
      }
    }
    checkOwnDirectory(real, chosenByKubeherd || inPerUserBase(real));
    return real;
  }

  /**
   * Whether no component of {@code dir} from the topmost directory kubeherd made for it (the
   * per-user base, else {@code dir} itself) down is a symbolic link: only then is it the directory
   * kubeherd made, not one a link leads to (e.g. {@code /dev/shm/kubeherd-<user>} linked to a
   * team's directory). Links above that top (e.g. a linked home) do not matter.
   */
  private static boolean noLinkFromOwnedTop(Path dir) throws IOException {
    Path normal = dir.normalize();
    Path above = ownedChainTop(normal).getParent();
    if (above == null) {
      return !Files.isSymbolicLink(normal);
    }
    return normal.toRealPath().equals(above.toRealPath().resolve(above.relativize(normal)));
  }

  /**
   * The topmost directory kubeherd made for {@code dir}: the per-user base {@code kubeherd-<user>}
   * when {@code dir} lies in it, else {@code dir} itself.
   */
  static Path ownedChainTop(Path dir) {
    Path base = Path.of(JobWorkDirs.perUserBaseName());
    for (Path p = dir; p != null; p = p.getParent()) {
      if (base.equals(p.getFileName())) {
        return p;
      }
    }
    return dir;
  }

  /** Whether {@code dir} is, or lies in, the per-user base {@code kubeherd-<user>}. */
  private static boolean inPerUserBase(Path dir) {
    Path base = Path.of(JobWorkDirs.perUserBaseName());
    for (Path p = dir; p != null; p = p.getParent()) {
      if (base.equals(p.getFileName())) {
        return true;
      }
    }
    return false;
  }

  private static List<Path> aboveTopDown(Path dir) {
    List<Path> above = new ArrayList<>();
    for (Path p = dir.getParent(); p != null; p = p.getParent()) {
      above.add(p);
    }
    Collections.reverse(above);
    return above;
  }

  private static void checkOwnDirectory(Path dir, boolean ours) throws IOException {
    long owner = uid(dir);
    int mode = mode(dir);
    if (owner != ME) {
      throw notMine("job directory " + dir, owner);
    }
    if ((mode & OTHER_WRITE) != 0) {
      throw new IOException(
          "job directory "
              + dir
              + " has mode "
              + octal(mode)
              + ", so other users could have put files there; remove it (rm -rf "
              + dir
              + ") and it is made again, mode 700, or set "
              + JobWorkDirs.ENV
              + " to a private directory (mode 700)");
    }
    if (!ours && (mode & GROUP_OTHER_WRITE) != 0) {
      throw new IOException(
          "job directory "
              + dir
              + " has mode "
              + octal(mode)
              + ", so its group could read or replace job scripts; run chmod 700 "
              + dir
              + ", or set "
              + JobWorkDirs.ENV
              + " to another directory that only you can write to");
    }
    if (ours) {
      narrow(dir, mode);
    }
  }

  private static void checkOwnBase(Path base, Path dir) throws IOException {
    long owner = uid(base);
    int mode = mode(base);
    if (owner != ME) {
      throw notMine(base + ", above the job directory " + dir + ",", owner);
    }
    if ((mode & OTHER_WRITE) != 0 && (mode & STICKY) == 0) {
      throw new IOException(
          base
              + ", above the job directory "
              + dir
              + ", has mode "
              + octal(mode)
              + " (writable by others, no sticky bit), so other users could have put files there;"
              + " remove it (rm -rf "
              + base
              + ") and it is made again, mode 700, or set "
              + JobWorkDirs.ENV
              + " to a private directory elsewhere");
    }
    if ((mode & OTHER_WRITE) == 0 && (mode & GROUP_OTHER_WRITE) != 0) {
      narrow(base, mode);
    }
  }

  private static void checkAbove(Path above, Path dir) throws IOException {
    long owner = uid(above);
    int mode = mode(above);
    if (owner != ME && owner != ROOT) {
      throw notMine(above + ", above the job directory " + dir + ",", owner);
    }
    if ((mode & GROUP_OTHER_WRITE) == 0 || (mode & STICKY) != 0) {
      return;
    }
    String fix = owner == ME ? "run chmod go-w " + above + ", or set " : "set ";
    throw new IOException(
        above
            + ", above the job directory "
            + dir
            + ", has mode "
            + octal(mode)
            + " (writable by others, no sticky bit), so another user could replace the job"
            + " directory; "
            + fix
            + JobWorkDirs.ENV
            + " to a private directory elsewhere");
  }

  private static IOException notMine(String what, long owner) {
    return new IOException(
        what
            + " belongs to user ID "
            + owner
            + ", not to this user ("
            + ME
            + "), so that user could read or replace job scripts; set "
            + JobWorkDirs.ENV
            + " to a directory of your own that only you can write to");
  }

  /** Narrows a directory of this user's that others may read, or its group write, to 0700. */
  private static void narrow(Path dir, int mode) throws IOException {
    if ((mode & GROUP_OTHER_BITS) != 0) {
      Files.setPosixFilePermissions(dir, OWNER_ONLY);
    }
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
