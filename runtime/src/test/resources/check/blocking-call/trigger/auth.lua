local client = dovecot.http.client{ request_timeout_msecs = 1000 }
function auth_passdb_lookup(req)
  local r = client:request{ url = "http://backend.example/" .. req.user }:submit()
  return dovecot.auth.PASSDB_RESULT_OK, {password = r:payload()}
end
function auth_userdb_lookup(req)
  return dovecot.auth.USERDB_RESULT_OK, {}
end
