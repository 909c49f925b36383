package dev.kubeherd.testsupport.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.core.ProjectExistsException;
import dev.kubeherd.core.ProjectNotFoundException;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.model.ProjectKeys;
import dev.kubeherd.core.port.ProjectStore;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ProjectStore} adapter must do. Subclass it, return a fresh empty store from
 * {@link #createStore()}, and the adapter is checked against the port's contract.
 */
public abstract class ProjectStoreContract {
  private ProjectStore store;

  /** A new store with no projects; called before each test. */
  protected abstract ProjectStore createStore();

  /**
   * The namespace a project created with {@code requested} is reported with. Stores that keep any
   * namespace (the default) report it back; a namespace-scoped store reports its own.
   */
  protected String reportedNamespace(String requested) {
    return requested;
  }

  @BeforeEach
  void setUpStore() {
    store = createStore();
  }

  /** A project as brig would create it for {@code name}: v1 ID, repository and clone URL. */
  protected static Project project(String name) {
    return new Project(
        ProjectIds.fromName(name),
        name,
        "default",
        Map.of(
            ProjectKeys.REPOSITORY, "github.com/" + name,
            ProjectKeys.CLONE_URL, "https://github.com/" + name + ".git"));
  }

  @Test
  void createdProjectIsFoundByItsName() {
    Project p = project("deis/empty-testbed");
    store.create(p);

    assertThat(store.find("deis/empty-testbed")).contains(p);
  }

  @Test
  void createdProjectIsFoundByItsId() {
    Project p = project("deis/empty-testbed");
    store.create(p);

    assertThat(store.find(p.id())).contains(p);
  }

  @Test
  void aProjectStoredUnderAnIdWithoutThePrefixIsFoundByThatId() {
    Project plain =
        new Project("myproj", "myproj", "default", Map.of(ProjectKeys.REPOSITORY, "x/y"));
    store.create(plain);

    assertThat(store.find("myproj")).contains(plain);
    assertThat(store.find("x/y")).isEmpty();
  }

  @Test
  void aNameWithoutAProjectStoredUnderItIsLookedUpByTheV1IdRule() {
    Project named = project("myproj");
    store.create(named);

    assertThat(store.find("myproj")).contains(named);
  }

  @Test
  void unknownProjectIsNotFound() {
    store.create(project("org/one"));

    assertThat(store.find("org/other")).isEmpty();
    assertThat(store.find("brigade-0000")).isEmpty();
  }

  @Test
  void dataKeysAndEmptyValuesRoundTripVerbatim() {
    Map<String, String> data =
        Map.of(
            ProjectKeys.VCS_LIMITS_CPU,
            "100m",
            ProjectKeys.SECRETS,
            "{\"TOKEN\":\"s3cr3t\"}",
            ProjectKeys.SHARED_SECRET,
            "",
            "unknownKey",
            "kept");
    Project p = new Project(ProjectIds.fromName("org/data"), "org/data", "ci", data);
    store.create(p);

    Project found = store.find("org/data").orElseThrow();
    assertThat(found.data()).isEqualTo(data);
    assertThat(found.namespace()).isEqualTo(reportedNamespace("ci"));
    assertThat(found.get(ProjectKeys.SHARED_SECRET)).contains("");
  }

  @Test
  void listReturnsEveryProjectSortedById() {
    List<Project> projects = List.of(project("org/a"), project("org/b"), project("org/c"));
    projects.forEach(store::create);

    assertThat(store.list())
        .containsExactlyElementsOf(
            projects.stream().sorted(Comparator.comparing(Project::id)).toList());
  }

  @Test
  void listOfEmptyStoreIsEmpty() {
    assertThat(store.list()).isEmpty();
  }

  @Test
  void createRefusesAnExistingIdWithTheV1Message() {
    Project p = project("org/dup");
    store.create(p);

    assertThatThrownBy(() -> store.create(project("org/dup")))
        .isInstanceOf(ProjectExistsException.class)
        .hasMessageStartingWith("project " + p.id() + " already exists. Refusing to overwrite");
  }

  @Test
  void refusedCreateLeavesTheExistingProjectUnchanged() {
    Project original = project("org/dup");
    store.create(original);
    Project other = new Project(original.id(), "org/dup", "elsewhere", Map.of());

    assertThatThrownBy(() -> store.create(other)).isInstanceOf(ProjectExistsException.class);
    assertThat(store.find(original.id())).contains(original);
  }

  @Test
  void createSucceedsForExactlyOneOfEightRacingThreads() throws Exception {
    Project p = project("org/race");
    CountDownLatch start = new CountDownLatch(1);
    Callable<Boolean> attempt =
        () -> {
          start.await();
          try {
            store.create(p);
            return true;
          } catch (ProjectExistsException e) {
            return false;
          }
        };
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<Boolean>> results =
          IntStream.range(0, 8).mapToObj(i -> pool.submit(attempt)).toList();
      start.countDown();
      long wins = 0;
      for (Future<Boolean> r : results) {
        wins += r.get() ? 1 : 0;
      }
      assertThat(wins).isEqualTo(1);
    }
    assertThat(store.find(p.id())).contains(p);
  }

  @Test
  void replaceOverwritesAnExistingProject() {
    Project p = project("org/rep");
    store.create(p);
    Project changed =
        new Project(p.id(), p.name(), p.namespace(), Map.of(ProjectKeys.DEFAULT_SCRIPT, "x"));

    store.replace(changed);

    assertThat(store.find(p.id())).contains(changed);
    assertThat(store.list()).containsExactly(changed);
  }

  @Test
  void replaceOfMissingProjectThrowsProjectNotFound() {
    assertThatThrownBy(() -> store.replace(project("org/missing")))
        .isInstanceOf(ProjectNotFoundException.class)
        .hasMessageContaining(ProjectIds.fromName("org/missing"));
    assertThat(store.find("org/missing")).isEmpty();
  }

  @Test
  void deleteRemovesTheProjectAndSaysWhetherItExisted() {
    Project p = project("org/del");
    store.create(p);
    store.create(project("org/keep"));

    assertThat(store.delete(p.id())).isTrue();
    assertThat(store.delete(p.id())).isFalse();
    assertThat(store.find(p.id())).isEmpty();
    assertThat(store.list()).extracting(Project::name).containsExactly("org/keep");
  }

  @Test
  void deletedProjectCanBeCreatedAgain() {
    Project p = project("org/again");
    store.create(p);
    store.delete(p.id());

    store.create(p);

    assertThat(store.find(p.id())).contains(p);
  }
}
