package org.dovelua.nauthilus.luatest;

import java.util.ArrayList;
import java.util.List;

/** types.go {@code TestResult}: what a run produced; null = not produced. */
public final class TestResult {
    public boolean success;
    public Long subjectResult;
    public Boolean subjectRejected;
    public Boolean environmentTriggered;
    public Boolean environmentAbort;
    public Long environmentResult;
    public Boolean actionResult;
    public Boolean backendResult;
    public Long backendReturnCode;
    public Boolean backendAuthenticated;
    public Boolean backendUserFound;
    public String backendAccountField;
    public String backendDisplayName;
    public String backendUniqueUserId;
    /** Production only: what nauthilus_backend_list_accounts returned. */
    public List<String> backendAccounts;
    /** Production only: what nauthilus_backend_get_webauthn_credentials returned. */
    public List<String> webAuthnCredentials;
    public List<String> cacheFlushAdditionalKeys;
    public String cacheFlushAccountName;
    /** A hook's return value as a Go value (convert.go LuaValueToGo), null for nil; a dovelua addition. */
    public Object hookAnswer;
    public String usedBackendAddress;
    public Long usedBackendPort;
    public List<String> statusMessages = new ArrayList<>();
    public List<String> logs = new ArrayList<>();
    public final List<String> errors = new ArrayList<>();

    void fail(String error) {
        success = false;
        errors.add(error);
    }
}
