package io.claimdesk.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.regex.Pattern;

/**
 * The rules between modules, checked here because app is the one module with every other on its classpath
 * (bench depends on app, so it is not seen here; it is a single package and so cannot hold a package cycle).
 */
@AnalyzeClasses(packages = "io.claimdesk", importOptions = ArchitectureTest.ProductionClassesOnly.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule noPackageCycles = slices()
      .matching("io.claimdesk.(**)")
      .should().beFreeOfCycles()
      .because("every package of every module must be readable on its own, without the packages that use it");

  @ArchTest
  static final ArchRule adaptersKnowNoStore = noClasses()
      .that().resideInAnyPackage("io.claimdesk.mail..", "io.claimdesk.bot..", "io.claimdesk.web..",
          "io.claimdesk.voice..")
      .should().dependOnClassesThat().resideInAPackage("io.claimdesk.store..")
      .because("adapters work on core's ports; only app and bench choose and wire a store");

  @ArchTest
  static final ArchRule onlyAppAndBenchUseEmbeddedStore = noClasses()
      .that().resideOutsideOfPackages("io.claimdesk.app..", "io.claimdesk.bench..", "io.claimdesk.store.embedded..")
      .should().dependOnClassesThat().resideInAPackage("io.claimdesk.store.embedded..")
      .because("the embedded database is a deployment choice that only app and bench make");

  /**
   * Production classes only: besides test output directories, the other modules' test jars, which the reactor
   * puts on this classpath as jars once those modules are packaged (as in {@code verify}).
   */
  static final class ProductionClassesOnly implements ImportOption {
    private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar!/.*");
    private final ImportOption notTests = new DoNotIncludeTests();

    @Override
    public boolean includes(Location location) {
      return notTests.includes(location) && !location.matches(TEST_JAR);
    }
  }
}
