package org.nfpvnfm.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;

/**
 * The engine's API ({@code org.nfpvnfm.engine}) stands apart from its passes ({@code ..internal})
 * and from the front end's internals. Rules are methods: Surefire 3.5.3 skips {@code @ArchTest}
 * fields (TNG/ArchUnit#1442).
 */
@AnalyzeClasses(packages = "org.nfpvnfm", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static void onlyTheCompilerFacadeReachesTheInternals(JavaClasses classes) {
    noClasses()
        .that()
        .resideInAnyPackage(
            "org.nfpvnfm.engine", "org.nfpvnfm.engine.cli..", "org.nfpvnfm.engine.reference..")
        .and()
        .doNotHaveSimpleName("NfpCompiler")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.nfpvnfm.engine.internal..")
        .check(classes);
  }

  @ArchTest
  static void theEngineUsesOnlyTheFrontEndsPublicApi(JavaClasses classes) {
    noClasses()
        .that()
        .resideInAPackage("org.nfpvnfm.engine..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.nfpvnfm.tosca.internal..")
        .check(classes);
  }

  @ArchTest
  static void theReferenceInterpreterIsIndependentOfTheCompiler(JavaClasses classes) {
    noClasses()
        .that()
        .resideInAPackage("org.nfpvnfm.engine.reference..")
        .should()
        .dependOnClassesThat()
        .haveSimpleName("NfpCompiler")
        .allowEmptyShould(true)
        .check(classes);
  }
}
