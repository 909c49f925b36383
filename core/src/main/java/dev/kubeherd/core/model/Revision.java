package dev.kubeherd.core.model;

/**
 * The source revision a build runs against. A ref wins over a commit when both are set (Brigade
 * v1).
 */
public record Revision(String commit, String ref) {
  public Revision {
    commit = commit == null ? "" : commit;
    ref = ref == null ? "" : ref;
  }

  public static Revision ofRef(String ref) {
    return new Revision("", ref);
  }
}
