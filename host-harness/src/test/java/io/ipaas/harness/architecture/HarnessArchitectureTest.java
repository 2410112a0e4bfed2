package io.ipaas.harness.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The harness knows connectors only through the SPI and PF4J, as a customer's host would. */
@AnalyzeClasses(packages = "io.ipaas.harness", importOptions = ImportOption.DoNotIncludeTests.class)
class HarnessArchitectureTest {
    @ArchTest
    static final ArchRule neverAPlugin = noClasses()
            .should()
            .dependOnClassesThat(
                    resideInAPackage("io.ipaas.connector..").and(not(resideInAPackage("io.ipaas.connector.api.."))))
            .because("plugins are loaded from JARs through PF4J; a compile-time link would bypass the isolation");
}
