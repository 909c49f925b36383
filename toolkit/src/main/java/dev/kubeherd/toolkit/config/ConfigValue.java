package dev.kubeherd.toolkit.config;

/**
 * A setting's value and where it came from: {@code --region}, {@code env KUBEHERD_REGION}, {@code
 * kubeherd.yaml:3} or {@code default}.
 */
public record ConfigValue(String value, String origin) {}
