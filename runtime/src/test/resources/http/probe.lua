-- Asks https://api.example.com/x/<user> and logs what came back.
function auth_passdb_lookup(req)
  local c = dovecot.http.client{request_timeout_msecs = 500, user_agent = "probe"}
  local resp = c:request{url = "https://api.example.com/x/" .. req.user}:submit()
  dovecot.i_info("status=" .. resp:status() .. " reason=" .. resp:reason() .. " body=" .. resp:payload())
  return dovecot.auth.PASSDB_RESULT_OK, "password=" .. req.password
end

function auth_userdb_lookup(req)
  return dovecot.auth.USERDB_RESULT_OK, "uid=1000 gid=1000"
end
