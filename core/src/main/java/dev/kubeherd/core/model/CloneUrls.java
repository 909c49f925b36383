package dev.kubeherd.core.model;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one rule for showing a clone URL (a project's {@code cloneURL}, a submodule's URL) where
 * credentials must not appear: answers of the dashboard API, error messages. A password is always
 * dropped. A user name is dropped too, since a token is often sent as the user name ({@code
 * https://ghp_…@github.com/…}), except in SSH URLs ({@code ssh://}, {@code git+ssh://}, scp-like
 * {@code git@host:path}), where it is the login name ({@code git}) and SSH authenticates with the
 * key. Anything else (a local path, an unparsable string) is returned as it is. Pure.
 */
public final class CloneUrls {
  /** {@code scheme://[userinfo@]rest}: the userinfo ends at the authority's last {@code @}. */
  private static final Pattern WITH_SCHEME =
      Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*)://(?:([^/?#]*)@)?(.*)", Pattern.DOTALL);

  /** scp-like {@code [user[:password]@]host:path}, as git and JGit read it. */
  private static final Pattern SCP_LIKE =
      Pattern.compile("(?:([^/:@]+)(?::[^/]*)?@)?([^/:@]+:.*)", Pattern.DOTALL);

  private CloneUrls() {}

  /** {@code url} without its password, and without its user name unless it is an SSH URL. */
  public static String withoutCredentials(String url) {
    if (url == null) {
      return "";
    }
    Matcher scheme = WITH_SCHEME.matcher(url);
    if (scheme.matches()) {
      if (scheme.group(2) == null) {
        return url;
      }
      boolean ssh = scheme.group(1).toLowerCase(Locale.ROOT).contains("ssh");
      String user = ssh ? loginName(scheme.group(2)) : "";
      return scheme.group(1) + "://" + user + scheme.group(3);
    }
    Matcher scp = SCP_LIKE.matcher(url);
    if (scp.matches() && scp.group(1) != null) {
      return scp.group(1) + "@" + scp.group(2);
    }
    return url;
  }

  /** {@code user@} from {@code user[:password]}, or nothing when there is no user name. */
  private static String loginName(String userInfo) {
    int colon = userInfo.indexOf(':');
    String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
    return user.isEmpty() ? "" : user + "@";
  }
}
