package org.nfpvnfm.dpdk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  private static final String FFM = "org.nfpvnfm.dpdk.internal.ffm..";

  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.nfpvnfm.dpdk");

  @Test
  void onlyTheFfmPackageLinksNativeCode() {
    ArchRule rule =
        noClasses()
            .that()
            .resideOutsideOfPackage(FFM)
            .should()
            .dependOnClassesThat()
            .belongToAnyOf(Linker.class, SymbolLookup.class, FunctionDescriptor.class)
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.lang.foreign.Arena")
            .because("all FFM code lives in " + FFM + " (CONVENTIONS.md, the fast path)");
    rule.check(classes);
  }

  @Test
  void theFfmPackageDoesNotDependOnTheApi() {
    noClasses()
        .that()
        .resideInAPackage(FFM)
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.nfpvnfm.dpdk")
        .because("the API wraps the bindings, not the other way round")
        .check(classes);
  }
}
