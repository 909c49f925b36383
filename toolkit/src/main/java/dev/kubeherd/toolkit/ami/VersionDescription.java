package dev.kubeherd.toolkit.ami;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The description of a launch template version made by {@code kubeherd build ami}: the Flatcar
 * release and git sha for people, and the default version it replaced for {@code --rollback}.
 * Example: {@code kubeherd build ami: Flatcar stable 4152.2.3 x86_64, git 3f2c1d0, previous default
 * version 3}.
 */
public final class VersionDescription {
  /** EC2 limits version descriptions to 255 characters. */
  static final int MAX_LENGTH = 255;

  private static final Pattern PREVIOUS = Pattern.compile("previous default version (\\d+)");

  private VersionDescription() {}

  public static String format(
      FlatcarQuery query, String flatcarVersion, String gitSha, long previous) {
    String sha = gitSha.length() > 40 ? gitSha.substring(0, 40) : gitSha;
    String text =
        "kubeherd build ami: Flatcar "
            + query.channel().id()
            + " "
            + flatcarVersion
            + " "
            + query.arch().id()
            + ", git "
            + sha
            + ", previous default version "
            + previous;
    return text.length() <= MAX_LENGTH ? text : text.substring(text.length() - MAX_LENGTH);
  }

  /** The default version a kubeherd-made version replaced, if the description records one. */
  public static OptionalLong previousDefault(String description) {
    if (description == null) {
      return OptionalLong.empty();
    }
    Matcher m = PREVIOUS.matcher(description);
    return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
  }
}
