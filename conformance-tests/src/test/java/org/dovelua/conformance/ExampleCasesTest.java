package org.dovelua.conformance;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.dovelua.junit.DoveluaCases;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** Every scripts/**&#47;cases.yaml as JUnit dynamic tests, so {@code mvn verify} runs the examples' cases. */
class ExampleCasesTest {
    @TestFactory
    Stream<DynamicNode> exampleCases() {
        return DoveluaCases.from(Path.of("..", "scripts").toAbsolutePath().normalize());
    }
}
