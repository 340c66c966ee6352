local function check(user)
  return "PASSDB_RESULT_OK"
end
function auth_passdb_lookup(req)
  if check(req.user) == "PASSDB_RESULT_OK" then
    return dovecot.auth.PASSDB_RESULT_OK, {password = "x"}
  end
  return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN, ""
end
