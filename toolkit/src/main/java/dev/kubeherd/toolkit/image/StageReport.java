package dev.kubeherd.toolkit.image;

/**
 * What one stage did.
 *
 * @param base its base image and where that came from ({@code local}, {@code pulled}, {@code
 *     built})
 * @param start the image its container started from
 * @param output the image it committed
 * @param layers how many layers the output has
 * @param reusedLayers how many of them it shares with the start image (the cache it reused)
 */
public record StageReport(
    BaseImage base, StartImage start, String output, int layers, int reusedLayers) {

  static StageReport of(BaseImage base, StartImage start, String output, ImageInfo outputInfo) {
    return new StageReport(
        base, start, output, outputInfo.layers().size(), start.info().sharedLayers(outputInfo));
  }
}
