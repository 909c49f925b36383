package dev.kubeherd.testsupport.kube;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One fabric8 mock API server in CRUD mode (answering {@code server.expect()} too) per test class,
 * as {@code @EnableKubernetesMockClient(crud = true)} gives, but on {@link WatchSafeDispatcher}.
 * The extension sets the class's static {@code KubernetesMockServer} and {@code KubernetesClient}
 * fields and closes both after the last test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(MockKubeExtension.class)
public @interface EnableMockKube {}
