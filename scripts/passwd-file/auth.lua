-- A passwd-style file lookup: "user password [uid gid home]" per line.
-- Deployed as /etc/dovecot/auth.lua; the user file is /etc/dovecot/users.
local users_file = "/etc/dovecot/users"

local function find(name)
  for line in io.lines(users_file) do
    local user, pass, uid, gid, home = line:match("^(%S+)%s+(%S+)%s*(%S*)%s*(%S*)%s*(%S*)")
    if user == name then
      return {password = pass, uid = uid, gid = gid, home = home}
    end
  end
  return nil
end

function auth_passdb_lookup(req)
  local u = find(req.username)
  if u == nil then
    return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN, "no such user"
  end
  req:log_info("found " .. req.username)
  return dovecot.auth.PASSDB_RESULT_OK, "password=" .. u.password
end

function auth_userdb_lookup(req)
  local u = find(req.username)
  if u == nil then
    return dovecot.auth.USERDB_RESULT_USER_UNKNOWN, "no such user"
  end
  return dovecot.auth.USERDB_RESULT_OK, {uid = u.uid, gid = u.gid, home = u.home}
end

function auth_userdb_iterate()
  local list = {}
  for line in io.lines(users_file) do
    local user = line:match("^(%S+)")
    if user then
      table.insert(list, user)
    end
  end
  return list
end
