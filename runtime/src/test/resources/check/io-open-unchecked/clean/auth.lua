function auth_passdb_lookup(req)
  local f = io.open("/etc/dovecot/secret")
  if not f then
    return dovecot.auth.PASSDB_RESULT_INTERNAL_FAILURE, "no secret"
  end
  local secret = f:read("*a")
  f:close()
  local g = assert(io.open("/etc/dovecot/other"))
  g:close()
  return dovecot.auth.PASSDB_RESULT_OK, {password = secret}
end
