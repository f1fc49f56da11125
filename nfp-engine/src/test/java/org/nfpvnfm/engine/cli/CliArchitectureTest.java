package org.nfpvnfm.engine.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class CliArchitectureTest {

  /**
   * The commands show what the engine's public API says, nothing more: if they needed the
   * internals, so would every other client, and the API would be missing something.
   */
  @Test
  void theCommandsUseOnlyTheEnginesPublicApi() {
    noClasses()
        .that()
        .resideInAPackage("org.nfpvnfm.engine.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.nfpvnfm.engine.internal..")
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.nfpvnfm.engine.cli"));
  }
}
