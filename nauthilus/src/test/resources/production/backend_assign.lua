-- Written in test mode's field-assignment style (as upstream's testdata/lua/example_backend.lua is):
-- passes in test mode, fails on a production server.
function nauthilus_backend_verify_password(request)
    local result = nauthilus_backend_result.new()
    result.authenticated = true
    result.user_found = true
    result.account_field = "uid"
    return nauthilus_builtin.BACKEND_RESULT_OK, result
end
