package dev.kubeherd.toolkit.git;

/**
 * The one rule that turns a git name ({@code git describe} output, a short sha) into a valid image
 * tag: every character outside {@code [A-Za-z0-9_.-]} becomes {@code -} ({@code release/1.2.0} →
 * {@code release-1.2.0}, {@code 1.0+build} → {@code 1.0-build}), and a tag that would be empty or
 * start with {@code .} or {@code -} gets a {@code v} in front. Valid tags are unchanged. Both the
 * image tag of {@code build dockerimage} and {@code GIT_TAG} of {@code sync app}/{@code sdf4k}
 * follow it, so a deploy names the image that was built.
 */
public final class ImageTags {
  private ImageTags() {}

  /** {@code value} made a valid image tag by the rule above. */
  public static String fromGitName(String value) {
    String tag = value.replaceAll("[^A-Za-z0-9_.-]", "-");
    return tag.isEmpty() || tag.startsWith(".") || tag.startsWith("-") ? "v" + tag : tag;
  }
}
