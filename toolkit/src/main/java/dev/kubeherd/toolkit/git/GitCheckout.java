package dev.kubeherd.toolkit.git;

import java.nio.file.Path;

/**
 * A working tree checked out at a commit (detached).
 *
 * @param ref the remote ref the revision resolved to, or the SHA itself when given one
 */
public record GitCheckout(Path dir, String commit, String ref) {}
