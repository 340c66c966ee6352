-- The workload of `dovelua soak` (README, "Long-lived instances"): what a request does depends on
-- its user name, so one instance sees every kind of request a long-running auth process meets.
--   http-NAME  asks the backend (an HTTP stub) for NAME's password or home
--   loop       never returns: the per-call time limit ends it (a hung request, "Lookup timed out")
--   exit       calls os.exit: the process dies and the next request gets a new one (a restart)
--   others     are answered from the table below, without I/O
local USERS = { alice = "secret", bob = "hunter2" }

local backend = dovecot.http.client {
  request_timeout_msecs = 2000,
  max_attempts = 1,
}

-- the backend's answer for NAME: its body on 200, nil for 404; anything else is an error
local function ask(path, name)
  local response = backend:request { url = "http://backend.example/" .. path .. "/" .. name, method = "GET" }:submit()
  local status = response:status()
  if status == 200 then
    return response:payload()
  elseif status == 404 then
    return nil
  end
  error("backend answered " .. status .. " " .. response:reason())
end

local function misbehave(req)
  if req.user == "loop" then
    while true do end
  elseif req.user == "exit" then
    os.exit(1)
  end
end

function auth_passdb_lookup(req)
  misbehave(req)
  local name = req.user:match("^http%-(.+)$")
  local password
  if name ~= nil then
    password = ask("passwords", name)
  else
    password = USERS[req.user]
  end
  if password == nil then
    return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN, "no such user"
  end
  return dovecot.auth.PASSDB_RESULT_OK, "password=" .. password
end

function auth_userdb_lookup(req)
  misbehave(req)
  local name = req.user:match("^http%-(.+)$")
  local home
  if name ~= nil then
    home = ask("homes", name)
  elseif USERS[req.user] ~= nil then
    home = "/home/" .. req.user
  end
  if home == nil then
    return dovecot.auth.USERDB_RESULT_USER_UNKNOWN, "no such user"
  end
  return dovecot.auth.USERDB_RESULT_OK, "uid=1000 gid=1000 home=" .. home
end
