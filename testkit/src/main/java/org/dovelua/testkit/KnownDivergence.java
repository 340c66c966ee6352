package org.dovelua.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test that asserts what real Dovecot or Lua does where dovelua still differs: the test
 * passes while its assertions fail (the divergence is recorded as open) and fails once they pass,
 * so the marker has to go. Mirrors jackson-core's {@code @JacksonTestFailureExpected} ("tofix").
 * Only assertion failures count: any other exception still fails the test.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@ExtendWith(KnownDivergenceExtension.class)
public @interface KnownDivergence {
    /** Why dovelua still differs, as the report and the README list it. */
    String value();
}
