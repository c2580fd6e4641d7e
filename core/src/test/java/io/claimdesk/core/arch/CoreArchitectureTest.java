package io.claimdesk.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * core knows no adapter library: web server, chat tools, telephony and mail stay in their modules, and the
 * database driver, the embedded server and its storage in the store modules.
 */
@AnalyzeClasses(packages = "io.claimdesk.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {

  @ArchTest
  static final ArchRule coreImportsNoAdapterLibrary = noClasses()
      .that().resideInAPackage("io.claimdesk.core..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "io.javalin..", "com.slack..", "net.dv8tion..", "com.twilio..", "jakarta.mail..", "javax.mail..",
          "org.eclipse.angus..", "jakarta.servlet..", "org.eclipse.jetty..")
      .because("core holds the claim rules and their ports; each adapter library belongs to its adapter module");

  @ArchTest
  static final ArchRule coreImportsNoStorageLibrary = noClasses()
      .that().resideInAPackage("io.claimdesk.core..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "org.bson..", "com.mongodb..", "org.h2..", "de.bwaldvogel..", "io.netty..")
      .because("core declares the store ports; store-mongo and store-embedded implement them");
}
