package dev.kubeherd.toolkit.sync;

import java.util.Optional;

/**
 * One app of {@code apps.yaml} after inheriting the file's {@code defaults}: its name (the app
 * namespace), the repository holding its {@code ci/} directory ({@code {app}} already replaced),
 * the pipeline template ({@code brigade.config}) and the namespace-defaults overrides as YAML text.
 *
 * @param line where the app is named in the file (1-based)
 */
public record AppEntry(
    String name,
    Optional<String> repository,
    Optional<String> pipelineTemplate,
    Optional<String> namespaceDefaults,
    int line) {}
