package dev.kubeherd.toolkit.image;

/**
 * A stage's base image, built from its Dockerfile (or found).
 *
 * @param image its name ({@code …builder-<md5>})
 * @param info what the engine says of it
 * @param origin {@code local}, {@code pulled} or {@code built}
 */
public record BaseImage(String image, ImageInfo info, String origin) {}
