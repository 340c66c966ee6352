package example;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.dovelua.junit.DoveluaCases;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

class AuthScriptCasesTest {
    @TestFactory
    Stream<DynamicNode> authCases() {
        return DoveluaCases.from(Path.of("src/test/dovecot"));   // files or directories
    }
}
