package org.dovelua.nauthilus;

/**
 * What the test runner reads from a backend result userdata that a backend script returns
 * ({@code server/testing/luatest/runner.go} {@code populateBackendResultFromUserData}): the
 * {@code nauthilus_backend_result} module's userdata value implements this.
 */
public interface BackendResultFields {
    boolean authenticated();

    boolean userFound();

    String accountField();

    String displayNameField();

    String uniqueUserIdField();
}
