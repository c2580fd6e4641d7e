package io.claimdesk.bot.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The chat sync is shared by every chat tool: it knows none of them, and none of the web server. Adapters depend
 * on it, never the other way round.
 */
@AnalyzeClasses(packages = "io.claimdesk.bot", importOptions = ImportOption.DoNotIncludeTests.class)
class BotArchitectureTest {

  @ArchTest
  static final ArchRule syncKnowsNoChatTool = noClasses()
      .that().resideInAPackage("io.claimdesk.bot.sync..")
      .should().dependOnClassesThat().resideInAnyPackage("com.slack..", "net.dv8tion..", "io.claimdesk.bot.slack..",
          "io.claimdesk.bot.discord..", "io.javalin..", "jakarta.servlet..", "org.eclipse.jetty..")
      .because("the chat sync is shared by the Slack and Discord adapters");

  @ArchTest
  static final ArchRule botKnowsNoWebFramework = noClasses()
      .that().resideInAPackage("io.claimdesk.bot..")
      .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..", "io.claimdesk.web..")
      .because("the Slack app is a plain servlet; the app module mounts it in the one web server");
}
