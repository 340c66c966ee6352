package org.dovelua.testkit;

import java.lang.reflect.Method;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Runs a {@link KnownDivergence} test through {@link KnownDivergences#expectFailure}; mirrors
 * jackson-core's {@code JacksonTestFailureExpectedInterceptor}. Registered by the annotation itself.
 */
public final class KnownDivergenceExtension implements InvocationInterceptor {

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        expectFailure(invocation, context, "");
    }

    /** A parameterized or repeated test: each invocation is its own divergence. */
    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        expectFailure(invocation, context, " " + context.getDisplayName());
    }

    private static void expectFailure(Invocation<Void> invocation, ExtensionContext context, String suffix)
            throws Throwable {
        Method method = context.getRequiredTestMethod();
        KnownDivergence marker = AnnotationSupport.findAnnotation(method, KnownDivergence.class)
                .orElseThrow(() -> new IllegalStateException(method + " has no @KnownDivergence"));
        String where = context.getRequiredTestClass().getName() + "#" + method.getName() + suffix;
        KnownDivergences.expectFailure(where, marker.value(), invocation::proceed);
    }
}
