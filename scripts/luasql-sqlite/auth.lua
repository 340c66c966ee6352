-- A passdb and userdb over SQLite with LuaSQL, as scripts in the wild do it.
-- Deployed as /etc/dovecot/auth.lua; the database is /var/lib/dovecot/users.sqlite (see users.sql).
local driver = require "luasql.sqlite3"

local database = "/var/lib/dovecot/users.sqlite"
local env = driver.sqlite3()
local conn

function script_init()
  local err
  conn, err = env:connect(database)
  if not conn then
    dovecot.i_error("users database: " .. err)
    return -1
  end
  return 0
end

function script_deinit()
  conn:close()
  env:close()
end

local function find(name)
  local cur, err = conn:execute(string.format(
    "SELECT password, uid, gid, home, active FROM users WHERE username = '%s'", conn:escape(name)))
  if not cur then
    return nil, err
  end
  local row = cur:fetch({}, "a")
  cur:close()
  return row or false
end

function auth_password_verify(req, password)
  local user, err = find(req.user)
  if user == nil then
    req:log_error("users database: " .. err)
    return dovecot.auth.PASSDB_RESULT_INTERNAL_FAILURE, ""
  elseif not user then
    return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN, "no such user"
  elseif user.active == 0 then
    return dovecot.auth.PASSDB_RESULT_USER_DISABLED, "account disabled"
  end
  local code, verr = req:password_verify(user.password, password)
  if code == 1 then
    req:log_info("password ok for " .. req.user)
    return dovecot.auth.PASSDB_RESULT_OK, {}
  elseif code == 0 then
    return dovecot.auth.PASSDB_RESULT_PASSWORD_MISMATCH, "wrong password"
  end
  req:log_error("password check: " .. verr)
  return dovecot.auth.PASSDB_RESULT_INTERNAL_FAILURE, ""
end

function auth_userdb_lookup(req)
  local user, err = find(req.user)
  if user == nil then
    req:log_error("users database: " .. err)
    return dovecot.auth.USERDB_RESULT_INTERNAL_FAILURE, ""
  elseif not user then
    return dovecot.auth.USERDB_RESULT_USER_UNKNOWN, "no such user"
  end
  return dovecot.auth.USERDB_RESULT_OK, {uid = user.uid, gid = user.gid, home = user.home}
end

function auth_userdb_iterate()
  local list = {}
  local cur = conn:execute("SELECT username FROM users ORDER BY username")
  local name = cur:fetch()
  while name do
    table.insert(list, name)
    name = cur:fetch()
  end
  return list
end
