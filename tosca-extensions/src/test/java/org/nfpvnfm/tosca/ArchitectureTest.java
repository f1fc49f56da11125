package org.nfpvnfm.tosca;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.library.dependencies.Slice;

/**
 * Keeps the module's public API apart from its implementation. The API packages are {@code
 * org.nfpvnfm.tosca}, {@code org.nfpvnfm.tosca.nfp} and {@code org.nfpvnfm.cli}; everything under
 * {@code ..internal..} may change without notice, so nothing outside this module's own packages may
 * use it, and the CLI, a client like any other, uses only the API.
 *
 * <p>The rules are {@code @ArchTest} methods, not fields: Surefire 3.5.3 silently skips
 * {@code @ArchTest} fields (TNG/ArchUnit#1442), which would make this test pass without checking.
 */
@AnalyzeClasses(packages = "org.nfpvnfm", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final String[] API_PACKAGES = {
    "org.nfpvnfm.tosca", "org.nfpvnfm.tosca.nfp", "org.nfpvnfm.cli"
  };

  private static final DescribedPredicate<JavaClass> RECORDS_ENUMS_OR_INTERFACES =
      DescribedPredicate.describe(
          "are records, enums or interfaces", c -> c.isRecord() || c.isEnum() || c.isInterface());

  /** Guards later modules' classes too, once they are on this test's class path. */
  @ArchTest
  static void internalsAreUsedOnlyInsideTheFrontEnd(JavaClasses classes) {
    noClasses()
        .that()
        .resideOutsideOfPackages("org.nfpvnfm.tosca..", "org.nfpvnfm.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..internal..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @ArchTest
  static void theCliUsesOnlyThePublicApi(JavaClasses classes) {
    noClasses()
        .that()
        .resideInAPackage("org.nfpvnfm.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..internal..")
        .check(classes);
  }

  /**
   * The model handed to callers (records, enums, interfaces) must make sense without the
   * implementation; only a factory such as {@code ToscaLoader.create()} may reach into it.
   */
  @ArchTest
  static void apiTypesDoNotDependOnInternals(JavaClasses classes) {
    noClasses()
        .that()
        .resideInAnyPackage(API_PACKAGES)
        .and(RECORDS_ENUMS_OR_INTERFACES)
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..internal..")
        .check(classes);
  }

  /** No cycles between the module's areas: tosca and cli now, later modules' packages too. */
  @ArchTest
  static void noCyclesBetweenAreas(JavaClasses classes) {
    slices().matching("org.nfpvnfm.(*)..").should().beFreeOfCycles().check(classes);
  }

  /**
   * No cycles among packages, leaving out the one edge an API/implementation split has by design:
   * the public package and its {@code internal} packages refer to each other (the implementation
   * reports API diagnostics, the factory creates the implementation). The rule above keeps that
   * edge to factories; this one and the next catch every other cycle. The front end's API is one
   * slice ({@code tosca} and its {@code nfp} model refer to each other: a load result carries the
   * NFP model, whose records carry source locations).
   */
  @ArchTest
  static void noCyclesAmongPublicPackages(JavaClasses classes) {
    slices()
        .matching("org.nfpvnfm.(*)..")
        .that(
            DescribedPredicate.describe(
                "are not internal", (Slice s) -> !s.getNamePart(1).contains("internal")))
        .should()
        .beFreeOfCycles()
        .check(classes);
  }

  @ArchTest
  static void noCyclesAmongInternalPackages(JavaClasses classes) {
    slices()
        .matching("org.nfpvnfm.(**)")
        .that(
            DescribedPredicate.describe(
                "are internal", (Slice s) -> s.getNamePart(1).contains("internal")))
        .should()
        .beFreeOfCycles()
        .allowEmptyShould(true)
        .check(classes);
  }
}
