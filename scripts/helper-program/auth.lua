-- A passdb and userdb that ask the site's own helper programs, as sites with a legacy user
-- database do. Deployed as /etc/dovecot/auth.lua.
--   /usr/local/bin/checkpw USER     reads the password on stdin (one line); exits 0 when it is
--                                   right, 1 when it is wrong, 2 when there is no such user
--   /usr/local/bin/mailuser USER    prints "UID GID HOME" and exits 0, or exits 2 (no such user)
local checkpw = "/usr/local/bin/checkpw"
local mailuser = "/usr/local/bin/mailuser"

-- single quotes for /bin/sh: a user name must never become shell syntax
local function quote(s)
  return "'" .. s:gsub("'", "'\\''") .. "'"
end

function auth_password_verify(req, password)
  local f = io.popen(checkpw .. " " .. quote(req.user), "w")
  f:write(password, "\n")
  local ok, how, code = f:close()
  if ok then
    return dovecot.auth.PASSDB_RESULT_OK, {}
  elseif how == "exit" and code == 1 then
    return dovecot.auth.PASSDB_RESULT_PASSWORD_MISMATCH, "wrong password"
  elseif how == "exit" and code == 2 then
    return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN, "no such user"
  end
  req:log_error(checkpw .. " failed: " .. how .. " " .. code)
  return dovecot.auth.PASSDB_RESULT_INTERNAL_FAILURE, "checkpw failed"
end

function auth_passdb_lookup(req)
  return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN, "lookups need the password: only verify works"
end

function auth_userdb_lookup(req)
  local f = io.popen(mailuser .. " " .. quote(req.user))
  local uid, gid, home = f:read("n", "n", "l")
  local ok, how, code = f:close()
  if how == "exit" and code == 2 then
    return dovecot.auth.USERDB_RESULT_USER_UNKNOWN, "no such user"
  elseif not ok or not home then
    req:log_error(mailuser .. " failed: " .. how .. " " .. code)
    return dovecot.auth.USERDB_RESULT_INTERNAL_FAILURE, "mailuser failed"
  end
  return dovecot.auth.USERDB_RESULT_OK, {uid = uid, gid = gid, home = home:match("^%s*(.-)%s*$")}
end
