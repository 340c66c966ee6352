-- Setter style: works in both modes.
function nauthilus_backend_verify_password(request)
    local result = nauthilus_backend_result.new()
    result:authenticated(request.password == "secret")
    result:user_found(true)
    result:account_field("uid")
    result:display_name_field("cn")
    return nauthilus_builtin.BACKEND_RESULT_OK, result
end
