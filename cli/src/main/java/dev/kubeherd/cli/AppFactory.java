package dev.kubeherd.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * Creates commands for picocli, handing the composition root to those whose constructor takes a
 * {@link BrigApp}; everything else (mixins, converters, group commands) comes from picocli's
 * default factory.
 */
final class AppFactory implements IFactory {
  private final BrigApp app;
  private final IFactory fallback = CommandLine.defaultFactory();

  AppFactory(BrigApp app) {
    this.app = app;
  }

  @Override
  public <K> K create(Class<K> cls) throws Exception {
    Constructor<K> withApp;
    try {
      withApp = cls.getConstructor(BrigApp.class);
    } catch (NoSuchMethodException e) {
      return fallback.create(cls);
    }
    return withApp.newInstance(app);
  }
}
