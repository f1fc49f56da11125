package org.nfpvnfm.events;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.nfpvnfm.events");

  @Test
  void theApiDependsOnNoneOfItsImplementations() {
    assertThat(classes.stream().anyMatch(c -> c.getPackageName().equals("org.nfpvnfm.events")))
        .isTrue();
    noClasses()
        .that()
        .resideInAPackage("org.nfpvnfm.events")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("..events.cli..", "..events.broker..", "..events.internal..")
        .because(
            "consumers and the VNFM use the public package alone; the command line, the embedded"
                + " broker and internals build on it (CONVENTIONS.md, API apart from"
                + " implementation)")
        .check(classes);
  }

  @Test
  void theBrokerKnowsNothingOfTheCommandLine() {
    noClasses()
        .that()
        .resideInAPackage("..events.broker..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..events.cli..")
        .check(classes);
  }
}
