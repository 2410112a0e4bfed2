package io.ipaas.connector.dynamics365.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The plugin sees the SPI only: never the host that loads it, never the emulator its tests run against. */
@AnalyzeClasses(packages = "io.ipaas.connector.dynamics365", importOptions = ImportOption.DoNotIncludeTests.class)
class PluginArchitectureTest {
    @ArchTest
    static final ArchRule neverTheHarness = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.ipaas.harness..")
            .because("a plugin runs in any host; the harness is only one of them");

    @ArchTest
    static final ArchRule neverTheSandbox = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.ipaas.bcsandbox..")
            .because("the emulator is a test double; production code must not lean on it");

    @ArchTest
    static final ArchRule neverTheMappingEngine = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.ipaas.mappings..")
            .because("mapping is the host's job; the connector delivers records in the remote system's shape");
}
