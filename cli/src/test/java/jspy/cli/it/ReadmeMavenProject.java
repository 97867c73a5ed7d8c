package jspy.cli.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Maven project with one JUnit test that keeps a core busy for 2 s, for the README's
 * {@code jspy record -o tests.svg -- mvn -B test}. It uses the JUnit, compiler and surefire
 * versions of jspy's own build, read from its pom.xml, so Maven finds them all in the local
 * repository that build filled.
 */
final class ReadmeMavenProject {
    static final String TEST_METHOD = "BusyTest.hashesForTwoSeconds";

    private ReadmeMavenProject() {
    }

    static void writeTo(Path dir) throws IOException {
        String pom = Files.readString(ReadmeExamples.repo().resolve("pom.xml"), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>example</groupId>
                  <artifactId>readme-record-command</artifactId>
                  <version>1</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencies>
                    <dependency>
                      <groupId>org.junit.jupiter</groupId>
                      <artifactId>junit-jupiter</artifactId>
                      <version>%s</version>
                      <scope>test</scope>
                    </dependency>
                  </dependencies>
                  <build>
                    <plugins>
                      <plugin>
                        <artifactId>maven-resources-plugin</artifactId>
                        <version>%s</version>
                      </plugin>
                      <plugin>
                        <artifactId>maven-compiler-plugin</artifactId>
                        <version>%s</version>
                      </plugin>
                      <plugin>
                        <artifactId>maven-surefire-plugin</artifactId>
                        <version>%s</version>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(property(pom, "junit.version"), plugin(pom, "maven-resources-plugin"),
                plugin(pom, "maven-compiler-plugin"), plugin(pom, "maven-surefire-plugin")), StandardCharsets.UTF_8);
        Path test = Files.createDirectories(dir.resolve("src/test/java/demo")).resolve("BusyTest.java");
        Files.writeString(test, """
                package demo;

                import static org.junit.jupiter.api.Assertions.assertNotEquals;

                import org.junit.jupiter.api.Test;

                class BusyTest {
                    @Test
                    void hashesForTwoSeconds() {
                        long end = System.nanoTime() + 2_000_000_000L;
                        long h = 0;
                        while (System.nanoTime() < end) {
                            h = 31 * h + Long.hashCode(h ^ System.nanoTime());
                        }
                        assertNotEquals(1, h);
                    }
                }
                """, StandardCharsets.UTF_8);
    }

    private static String property(String pom, String name) {
        return find(pom, "<" + Pattern.quote(name) + ">([^<]+)</");
    }

    private static String plugin(String pom, String artifactId) {
        return find(pom, "<artifactId>" + Pattern.quote(artifactId) + "</artifactId>\\s*<version>([^<]+)</version>");
    }

    private static String find(String pom, String regex) {
        Matcher m = Pattern.compile(regex).matcher(pom);
        if (!m.find()) {
            throw new AssertionError("jspy's pom.xml has no " + regex);
        }
        return m.group(1);
    }
}
