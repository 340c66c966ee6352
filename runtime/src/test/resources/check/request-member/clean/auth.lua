local function ip(request)
  return request.remote_ip
end
function auth_passdb_lookup(req)
  req.mine = "own"
  req:log_info(ip(req) .. req.service .. req.mine .. tostring(req.skip_password_check))
  return dovecot.auth.PASSDB_RESULT_OK, {password = "x"}
end
