-- A site's passdb/userdb: users and bcrypt-free plain passwords from a table, as a quick example.
local users = { alice = "wonderland", bob = "builder" }

function auth_passdb_lookup(req)
  local pw = users[req.user]
  if pw == nil then
    return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN, "no such user"
  end
  req:log_info("found " .. req.user)
  return dovecot.auth.PASSDB_RESULT_OK, "password=" .. pw
end

function auth_userdb_lookup(req)
  if users[req.user] == nil then
    return dovecot.auth.USERDB_RESULT_USER_UNKNOWN, "no such user"
  end
  return dovecot.auth.USERDB_RESULT_OK, "uid=1000 gid=1000 home=/home/" .. req.user
end
