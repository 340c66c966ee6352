function auth_passdb_lookup(req)
  local f = io.open("/etc/dovecot/secret")
  local secret = f:read("*a")
  f:close()
  return dovecot.auth.PASSDB_RESULT_OK, {password = secret}
end
