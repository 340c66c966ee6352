-- The backend entry points only production can call (backend/lua.go luaRequestCommandSpecs).
function nauthilus_backend_list_accounts(request)
    if request.username == "map" then
        return nauthilus_builtin.BACKEND_RESULT_OK, {first = "alice"}
    end
    return nauthilus_builtin.BACKEND_RESULT_OK, {"alice", "bob"}
end

function nauthilus_backend_add_totp(request)
    if request.username == "broken" then
        return nauthilus_builtin.BACKEND_RESULT_FAIL
    end
    nauthilus_builtin.custom_log_add("totp_for", request.username)
    return nauthilus_builtin.BACKEND_RESULT_OK
end

function nauthilus_backend_delete_totp(request) return 0 end
function nauthilus_backend_add_totp_recovery_codes(request) return 0 end
function nauthilus_backend_delete_totp_recovery_codes(request) return 0 end

function nauthilus_backend_get_webauthn_credentials(request)
    return nauthilus_builtin.BACKEND_RESULT_OK, {'{"id":"c1"}', 7, '{"id":"c2"}'}
end

function nauthilus_backend_save_webauthn_credential(request)
    nauthilus_builtin.custom_log_add("saved", request.webauthn_credential)
    return 0
end
function nauthilus_backend_delete_webauthn_credential(request) return 0 end
function nauthilus_backend_update_webauthn_credential(request) return "0" end
