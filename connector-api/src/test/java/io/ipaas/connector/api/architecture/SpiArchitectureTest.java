package io.ipaas.connector.api.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The SPI stays small and neutral: JDK types and PF4J's marker only, and no word of any one remote system. */
@AnalyzeClasses(packages = "io.ipaas.connector.api", importOptions = ImportOption.DoNotIncludeTests.class)
class SpiArchitectureTest {
    /** Words that belong to one connector's remote system, not to a generic SPI. */
    private static final Pattern REMOTE_SYSTEM_WORDS = Pattern.compile(
            "business ?central|dynamics|\\bentra\\b|azure|odata|aadsts|\\bbc\\b|grant ?type|cronus|salesorder|companyname",
            Pattern.CASE_INSENSITIVE);

    @ArchTest
    static final ArchRule onlyTheJdkAndThePf4jMarker = classes()
            .that()
            .resideInAPackage("io.ipaas.connector.api..")
            .should()
            .onlyDependOnClassesThat(
                    resideInAnyPackage("java..", "io.ipaas.connector.api..").or(name("org.pf4j.ExtensionPoint")))
            .because("host and plugin share only the SPI; a library type here would pin both to one version");

    @Test
    void namesNoConceptOfOneRemoteSystem() throws IOException {
        List<String> hits = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source :
                    sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(source);
                for (int i = 0; i < lines.size(); i++) {
                    if (REMOTE_SYSTEM_WORDS.matcher(lines.get(i)).find()) {
                        hits.add(source + ":" + (i + 1) + ": " + lines.get(i).trim());
                    }
                }
            }
        }
        assertEquals(List.of(), hits, "the SPI names a concept of one remote system");
    }
}
