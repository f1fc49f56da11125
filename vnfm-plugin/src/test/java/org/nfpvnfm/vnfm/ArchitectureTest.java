package org.nfpvnfm.vnfm;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.nfpvnfm.vnfm");

  @Test
  void theVnfmsPartsDoNotDependOnEachOtherInCycles() {
    slices()
        .matching("org.nfpvnfm.vnfm.internal.(*)..")
        .should()
        .beFreeOfCycles()
        .because("each part (lcm, pkg, notify, nodes, ...) builds on the ones below it")
        .check(classes);
  }

  @Test
  void resourcesStayThinAndLeaveTheDatabaseToServices() {
    noClasses()
        .that()
        .areAnnotatedWith(Path.class)
        .should()
        .dependOnClassesThat()
        .resideInAPackage("java.sql..")
        .because("a JAX-RS resource validates, delegates and maps (CONVENTIONS.md, the service)")
        .check(classes);
  }

  @Test
  void theSharedInfrastructureKnowsNoPart() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "org.nfpvnfm.vnfm.internal.rest..",
            "org.nfpvnfm.vnfm.internal.store..",
            "org.nfpvnfm.vnfm.internal.client..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.nfpvnfm.vnfm.internal.lcm..",
            "org.nfpvnfm.vnfm.internal.pkg..",
            "org.nfpvnfm.vnfm.internal.notify..")
        .check(classes);
  }
}
