package dev.kubeherd.charts;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One request to the Kubernetes API as RBAC sees it: the verb and the (sub)resource of an API
 * group, in a namespace or cluster-wide, as the API server derives them from method and path.
 */
record ApiCall(String verb, String group, String resource, String namespace) {

  /**
   * The call a request makes; empty for discovery and other paths no Role can grant (they are open
   * to every authenticated user).
   */
  static Optional<ApiCall> of(String method, String pathAndQuery) {
    URI uri = URI.create(pathAndQuery);
    List<String> parts = Arrays.stream(uri.getPath().split("/")).filter(p -> !p.isEmpty()).toList();
    String group;
    List<String> rest;
    if (parts.size() > 2 && parts.get(0).equals("api")) {
      group = "";
      rest = parts.subList(2, parts.size());
    } else if (parts.size() > 3 && parts.get(0).equals("apis")) {
      group = parts.get(1);
      rest = parts.subList(3, parts.size());
    } else {
      return Optional.empty();
    }
    String namespace = "";
    if (rest.size() > 2 && rest.get(0).equals("namespaces")) {
      namespace = rest.get(1);
      rest = rest.subList(2, rest.size());
    }
    String resource = rest.get(0);
    boolean named = rest.size() > 1;
    if (rest.size() > 2) {
      resource += "/" + rest.get(2);
    }
    boolean watch = uri.getQuery() != null && uri.getQuery().contains("watch=true");
    return Optional.of(new ApiCall(verb(method, named, watch), group, resource, namespace));
  }

  private static String verb(String method, boolean named, boolean watch) {
    return switch (method) {
      case "GET" -> watch ? "watch" : named ? "get" : "list";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> named ? "delete" : "deletecollection";
      default -> throw new IllegalArgumentException("no RBAC verb for HTTP method " + method);
    };
  }

  @Override
  public String toString() {
    return verb + " " + resource + (group.isEmpty() ? "" : "." + group) + " in " + namespace;
  }
}
