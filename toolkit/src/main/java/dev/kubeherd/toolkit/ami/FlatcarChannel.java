package dev.kubeherd.toolkit.ami;

import java.util.Locale;

/** The Flatcar release channels. */
public enum FlatcarChannel {
  STABLE,
  BETA,
  ALPHA,
  LTS;

  /** The lowercase name used in image names and packer variables. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
