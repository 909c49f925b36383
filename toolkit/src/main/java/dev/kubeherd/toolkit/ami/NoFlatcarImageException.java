package dev.kubeherd.toolkit.ami;

/** DescribeImages found no Flatcar image for the query (exit code 3). */
public final class NoFlatcarImageException extends AmiBuildException {
  public NoFlatcarImageException(FlatcarQuery query) {
    super(
        AmiExitCodes.NO_FLATCAR_IMAGE,
        "no Flatcar image for "
            + query.describe()
            + ": check the channel, the version (see https://www.flatcar.org/releases) and that"
            + " the architecture is published in that region; upstream AMIs are removed after 9"
            + " months, so pin a newer --flatcar-version or use current");
  }
}
