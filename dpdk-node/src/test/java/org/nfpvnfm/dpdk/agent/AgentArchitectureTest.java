package org.nfpvnfm.dpdk.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class AgentArchitectureTest {
  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.nfpvnfm.dpdk");

  @Test
  void theDataplaneDoesNotDependOnTheAgent() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.nfpvnfm.dpdk.agent..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.nfpvnfm.dpdk.agent..")
        .because("the agent sits on top of the node; the node runs embedded without it")
        .check(classes);
  }

  @Test
  void onlyNodeAgentReachesIntoTheAgentsInternals() {
    noClasses()
        .that()
        .resideInAPackage("org.nfpvnfm.dpdk.agent")
        .and()
        .doNotBelongToAnyOf(NodeAgent.class)
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.nfpvnfm.dpdk.agent.internal..")
        .because("the agent's documents and exceptions are its API; the resources are not")
        .check(classes);
  }

  @Test
  void theAgentLinksNoNativeCode() {
    noClasses()
        .that()
        .resideInAPackage("org.nfpvnfm.dpdk.agent..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.nfpvnfm.dpdk.internal..")
        .because("the agent drives the node through its API only")
        .check(classes);
  }
}
