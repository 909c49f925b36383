package dev.kubeherd.toolkit.image;

import dev.kubeherd.core.secret.DocumentFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a build produced: the image names, per stage where it started and how many layers it reused,
 * the final image's id and labels, and what was pushed.
 */
public record ImageBuildReport(
    ImageNames names,
    StageReport builder,
    StageReport runtime,
    String finalImageId,
    Map<String, String> labels,
    List<String> pushed) {

  public ImageBuildReport {
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    pushed = List.copyOf(pushed);
  }

  /** This report with {@code image} added to the pushed ones. */
  ImageBuildReport withPushed(String image) {
    List<String> more = new ArrayList<>(pushed);
    more.add(image);
    return new ImageBuildReport(names, builder, runtime, finalImageId, labels, more);
  }

  /** As a document for {@code -o yaml|json}. */
  public ObjectNode toDocument() {
    ObjectNode doc = DocumentFormat.object();
    doc.put("image", names.finalImage());
    doc.put("imageId", finalImageId);
    ObjectNode l = doc.putObject("labels");
    labels.forEach(l::put);
    stage(doc.putObject("builder"), builder, names.builderCache());
    stage(doc.putObject("runtime"), runtime, names.runtimeCache());
    ArrayNode p = doc.putArray("pushed");
    pushed.forEach(p::add);
    return doc;
  }

  private static void stage(ObjectNode node, StageReport stage, String cache) {
    node.put("base", stage.base().image());
    node.put("baseFrom", stage.base().origin());
    node.put("startedFrom", stage.start().image());
    node.put("start", stage.start().origin().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    if (!stage.start().reason().isEmpty()) {
      node.put("freshChainReason", stage.start().reason());
    }
    node.put("output", stage.output());
    node.put("cache", cache);
    node.put("layers", stage.layers());
    node.put("reusedLayers", stage.reusedLayers());
    node.put("chainStarted", stage.start().chainStarted().toString());
  }
}
