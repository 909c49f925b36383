package dev.kubeherd.toolkit.ami;

import dev.kubeherd.core.secret.DocumentFormat;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a run produced: the source image, the AMI per region, the SSM parameter versions, the launch
 * template changes, the instance refreshes and what pruning deleted and kept. A rollback fills only
 * the launch templates and refreshes.
 */
public record AmiBuildReport(
    Optional<FlatcarImage> source,
    Map<String, String> amis,
    Optional<String> ssmParameter,
    Map<String, Long> ssmVersions,
    List<LaunchTemplateChange> launchTemplates,
    List<RefreshOutcome> refreshes,
    List<PrunedAmi> pruned,
    List<KeptAmi> kept) {

  public AmiBuildReport {
    amis = Collections.unmodifiableMap(new LinkedHashMap<>(amis));
    ssmVersions = Collections.unmodifiableMap(new LinkedHashMap<>(ssmVersions));
    launchTemplates = List.copyOf(launchTemplates);
    refreshes = List.copyOf(refreshes);
    pruned = List.copyOf(pruned);
    kept = List.copyOf(kept);
  }

  /** A report of a rollback: launch templates and refreshes only. */
  public static AmiBuildReport rollback(
      List<LaunchTemplateChange> launchTemplates, List<RefreshOutcome> refreshes) {
    return new AmiBuildReport(
        Optional.empty(),
        Map.of(),
        Optional.empty(),
        Map.of(),
        launchTemplates,
        refreshes,
        List.of(),
        List.of());
  }

  /** As a document for {@code -o json|yaml}. */
  public ObjectNode toDocument(boolean rollback) {
    ObjectNode doc = DocumentFormat.object();
    doc.put("action", rollback ? "rollback" : "build");
    source.ifPresent(
        s -> {
          ObjectNode src = doc.putObject("source");
          src.put("imageId", s.imageId());
          src.put("name", s.name());
          src.put("flatcarVersion", s.version());
          src.put("region", s.region());
        });
    if (!amis.isEmpty()) {
      ObjectNode a = doc.putObject("amis");
      amis.forEach(a::put);
    }
    ssmParameter.ifPresent(
        name -> {
          ObjectNode ssm = doc.putObject("ssmParameter");
          ssm.put("name", name);
          ObjectNode versions = ssm.putObject("versions");
          ssmVersions.forEach(versions::put);
        });
    ArrayNode lts = doc.putArray("launchTemplates");
    for (LaunchTemplateChange c : launchTemplates) {
      ObjectNode lt = lts.addObject();
      lt.put("name", c.name());
      lt.put("id", c.id());
      lt.put("previousDefaultVersion", c.fromVersion());
      lt.put("defaultVersion", c.toVersion());
      c.imageId().ifPresent(i -> lt.put("imageId", i));
    }
    ArrayNode refs = doc.putArray("instanceRefreshes");
    for (RefreshOutcome r : refreshes) {
      ObjectNode o = refs.addObject();
      o.put("autoScalingGroup", r.autoScalingGroup());
      o.put("id", r.refreshId());
      o.put("launchTemplate", r.launchTemplate());
      o.put("version", r.launchTemplateVersion());
      o.put("status", r.status());
      if (!r.statusReason().isEmpty()) {
        o.put("statusReason", r.statusReason());
      }
    }
    ArrayNode p = doc.putArray("pruned");
    for (PrunedAmi ami : pruned) {
      ObjectNode o = p.addObject();
      o.put("region", ami.region());
      o.put("imageId", ami.imageId());
      o.put("name", ami.name());
      ArrayNode snaps = o.putArray("snapshots");
      ami.snapshots().forEach(snaps::add);
    }
    ArrayNode k = doc.putArray("kept");
    for (KeptAmi ami : kept) {
      ObjectNode o = k.addObject();
      o.put("region", ami.region());
      o.put("imageId", ami.imageId());
      o.put("name", ami.name());
      o.put("reason", ami.reason());
    }
    return doc;
  }
}
