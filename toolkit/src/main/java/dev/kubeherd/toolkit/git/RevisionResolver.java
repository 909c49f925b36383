package dev.kubeherd.toolkit.git;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;

/**
 * Maps a revision to what to fetch, from the refs the remote advertises: the remote's HEAD (empty
 * revision), a full ref ({@code refs/pull/1/head}), a branch, a tag, or a commit SHA (a ref tip, or
 * any commit, found after a full fetch). Branches win over tags of the same name, as in git.
 */
final class RevisionResolver {
  private static final Pattern SHA = Pattern.compile("[0-9a-f]{7,40}");

  private RevisionResolver() {}

  /**
   * What to fetch: a ref, a ref whose tip was the commit asked for ({@code sha} set: the ref may
   * have moved by the time it is fetched, so the commit is what counts), or a commit that no
   * advertised ref points at (no ref).
   */
  record Wanted(Optional<String> ref, Optional<String> sha) {
    static Wanted ref(String name) {
      return new Wanted(Optional.of(name), Optional.empty());
    }

    static Wanted refAt(String name, String sha) {
      return new Wanted(Optional.of(name), Optional.of(sha));
    }

    static Wanted commit(String sha) {
      return new Wanted(Optional.empty(), Optional.of(sha));
    }
  }

  /**
   * @return empty when the revision is neither a ref nor something that looks like a SHA
   */
  static Optional<Wanted> resolve(String revision, Collection<Ref> advertised) {
    if (revision.isEmpty()) {
      return find(advertised, Constants.HEAD).map(r -> Wanted.ref(Constants.HEAD));
    }
    for (String name :
        List.of(revision, Constants.R_HEADS + revision, Constants.R_TAGS + revision)) {
      if (find(advertised, name).isPresent()) {
        return Optional.of(Wanted.ref(name));
      }
    }
    String lower = revision.toLowerCase(Locale.ROOT);
    if (!SHA.matcher(lower).matches()) {
      return Optional.empty();
    }
    return advertised.stream()
        .filter(r -> !r.getName().equals(Constants.HEAD))
        .filter(r -> tip(r).startsWith(lower))
        .map(r -> Wanted.refAt(r.getName(), lower))
        .findFirst()
        .or(() -> Optional.of(Wanted.commit(lower)));
  }

  private static Optional<Ref> find(Collection<Ref> refs, String name) {
    return refs.stream().filter(r -> r.getName().equals(name)).findFirst();
  }

  private static String tip(Ref ref) {
    return ref.getPeeledObjectId() != null
        ? ref.getPeeledObjectId().name()
        : ref.getObjectId() == null ? "" : ref.getObjectId().name();
  }
}
