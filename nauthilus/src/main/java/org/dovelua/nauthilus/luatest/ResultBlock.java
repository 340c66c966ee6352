package org.dovelua.nauthilus.luatest;

import java.io.PrintWriter;
import java.util.List;

/** runner.go {@code PrintResult}: the block on stdout, byte for byte. */
public final class ResultBlock {
    private ResultBlock() {
    }

    public static void print(PrintWriter out, String script, String kind, TestResult r) {
        StringBuilder b = new StringBuilder();
        b.append("\n=== Lua Script Test Results ===\n");
        b.append("Script: ").append(script).append('\n');
        b.append("Callback Type: ").append(kind).append('\n');
        b.append("Success: ").append(r.success).append("\n\n");
        field(b, "Subject Result", r.subjectResult);
        field(b, "Subject Rejected", r.subjectRejected);
        field(b, "Environment Triggered", r.environmentTriggered);
        field(b, "Environment Abort", r.environmentAbort);
        field(b, "Environment Result", r.environmentResult);
        field(b, "Action Result", r.actionResult);
        field(b, "Backend Result", r.backendResult);
        field(b, "Backend Return Code", r.backendReturnCode);
        field(b, "Backend Authenticated", r.backendAuthenticated);
        field(b, "Backend User Found", r.backendUserFound);
        field(b, "Backend Account Field", r.backendAccountField);
        field(b, "Backend Display Name", r.backendDisplayName);
        field(b, "Backend Unique User ID", r.backendUniqueUserId);
        // production-only kinds (dovelua's lines; runner.go has no such kinds): Go's %v of the slice
        if (r.backendAccounts != null) {
            b.append("Backend Accounts: [").append(String.join(" ", r.backendAccounts)).append("]\n");
        }
        if (r.webAuthnCredentials != null) {
            b.append("WebAuthn Credentials: [").append(String.join(" ", r.webAuthnCredentials)).append("]\n");
        }
        field(b, "Used Backend Address", r.usedBackendAddress);
        field(b, "Used Backend Port", r.usedBackendPort);
        if (r.cacheFlushAdditionalKeys != null && !r.cacheFlushAdditionalKeys.isEmpty()) {
            b.append("Cache Flush Additional Keys: [").append(String.join(" ", r.cacheFlushAdditionalKeys)).append("]\n"); // %v
        }
        field(b, "Cache Flush Account Name", r.cacheFlushAccountName);
        list(b, "Status Messages", "  [STATUS] ", r.statusMessages);
        list(b, "Logs", "  ", r.logs);
        if (!r.errors.isEmpty()) {
            b.append("\nErrors:\n");
            for (String e : r.errors) {
                b.append("  \u2717 ").append(e).append('\n');
            }
        }
        b.append("\n===============================\n");
        out.print(b);
        out.flush();
    }

    private static void field(StringBuilder b, String label, Object v) {
        if (v != null) {
            b.append(label).append(": ").append(v).append('\n');
        }
    }

    private static void list(StringBuilder b, String title, String prefix, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        b.append('\n').append(title).append(":\n");
        for (String v : values) {
            b.append(prefix).append(v).append('\n');
        }
    }
}
