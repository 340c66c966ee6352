-- The source of truth behind the Redis cache (a site would ask its database or API here).
local users = {
  ["bob@example.org"] = {
    password = "{PLAIN}builder",
    home = "/var/mail/example.org/bob",
  },
}

function auth_passdb_lookup(req)
  local u = users[req.user]
  if u == nil then
    return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN, "no such user"
  end
  req:log_info("source of truth: found " .. req.user)
  return dovecot.auth.PASSDB_RESULT_OK, { password = u.password, userdb_home = u.home,
    userdb_uid = "5000", userdb_gid = "5000" }
end

function auth_userdb_lookup(req)
  local u = users[req.user]
  if u == nil then
    return dovecot.auth.USERDB_RESULT_USER_UNKNOWN, "no such user"
  end
  return dovecot.auth.USERDB_RESULT_OK, { home = u.home, uid = "5000", gid = "5000" }
end
