package org.dovelua.cases;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A plugin case's request and fixture: the test request table's fields (the fixture's
 * {@code context} block, runner.go createRequestTable), the case's own fixture blocks (each
 * replacing the setup's block of that name), and what the run must leave.
 */
public record PluginCase(ObjectNode request, ObjectNode fixture, PluginExpect expect) {
}
