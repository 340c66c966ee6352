-- A Dovecot 2.3 bridge to a current Nauthilus (3.x): passwords are checked by Nauthilus's JSON
-- endpoint, user data comes from it in no-auth mode, and the user list from list-accounts.
-- Unlike the old docs script it sends `protocol` (3.x rejects `service` with a 400), never
-- concatenates a header that may be missing, and treats every unexpected answer as a
-- temporary failure with the reason in the log.

local NAUTHILUS = "https://login.example.com/api/v1/auth/json"
-- backchannel credentials (auth.backchannel.basic_auth), one line "username:password"
local SECRET_FILE = "/etc/dovecot/nauthilus.secret"
-- Nauthilus attributes that become Dovecot userdb fields
local ATTRIBUTE_FIELDS = {
  mailQuota = "quota_rule",       -- e.g. "*:storage=1G"
  mailHome = "home",
  mailUid = "uid",
  mailGid = "gid",
}

local base64 = require("base64")
local json = require("cjson")

local client = dovecot.http.client {
  request_timeout_msecs = 5000,
  max_attempts = 1,
  user_agent = "dovecot-nauthilus-bridge/1.0",
}

local authorization

function script_init()
  local f, err = io.open(SECRET_FILE, "r")
  if f == nil then
    dovecot.i_error("nauthilus: cannot read " .. SECRET_FILE .. ": " .. tostring(err))
    return -1
  end
  local credentials = f:read("*l")
  f:close()
  if credentials == nil or not credentials:find(":", 1, true) then
    dovecot.i_error("nauthilus: " .. SECRET_FILE .. " must hold one line username:password")
    return -1
  end
  authorization = "Basic " .. base64.encode(credentials)
  return 0
end

-- a header's value, or nil when Nauthilus did not send it (Dovecot's header() returns "")
local function header(response, name)
  local v = response:header(name)
  if v == nil or v == "" then
    return nil
  end
  return v
end

local function ask(req, mode, password)
  local body = {
    username = req.user,
    protocol = req.service,
    method = req.mech and req.mech:lower() or nil,
    client_ip = req.remote_ip,
    client_port = req.remote_port and tostring(req.remote_port) or nil,
    local_ip = req.local_ip,
    local_port = req.local_port and tostring(req.local_port) or nil,
    client_id = req.client_id,
    external_session_id = req.session,
  }
  if password ~= nil then
    body.password = password
  end
  if req.secured == "TLS" or req.secured == "secured" then
    body.ssl = "on"
  end
  local url = NAUTHILUS
  if mode ~= nil then
    url = url .. "?mode=" .. mode
  end
  local request = client:request { url = url, method = "POST" }
  request:add_header("Authorization", authorization)
  request:add_header("Content-Type", "application/json")
  request:add_header("Accept", "application/json")
  request:set_payload(json.encode(body))
  return request:submit()
end

-- userdb fields from a 200 answer; prefix "userdb_" when they ride on a passdb reply
local function fields_from(response, prefix)
  local fields = {}
  local account = header(response, "Auth-User")
  if account ~= nil then
    fields.user = account
  end
  local ok, decoded = pcall(json.decode, response:payload())
  if ok and type(decoded) == "table" and type(decoded.attributes) == "table" then
    for attribute, field in pairs(ATTRIBUTE_FIELDS) do
      local values = decoded.attributes[attribute]
      if type(values) == "table" and values[1] ~= nil then
        fields[prefix .. field] = tostring(values[1])
      end
    end
  end
  return fields
end

local function unexpected(req, what, response)
  req:log_error("nauthilus " .. what .. ": HTTP " .. response:status() .. " " .. response:reason()
    .. " (Auth-Status: " .. (header(response, "Auth-Status") or "none")
    .. ", session: " .. (header(response, "X-Nauthilus-Session") or "none") .. ")")
end

function auth_password_verify(req, password)
  local response = ask(req, nil, password)
  local status = response:status()
  if status == 200 then
    return dovecot.auth.PASSDB_RESULT_OK, fields_from(response, "userdb_")
  elseif status == 403 then
    local text = header(response, "Auth-Status") or "Invalid login or password"
    req:log_info("nauthilus denied: " .. text)
    if text == "Account not enabled" then
      return dovecot.auth.PASSDB_RESULT_USER_DISABLED, text
    end
    return dovecot.auth.PASSDB_RESULT_PASSWORD_MISMATCH, text
  end
  unexpected(req, "passdb", response)
  return dovecot.auth.PASSDB_RESULT_INTERNAL_FAILURE, ""
end

function auth_userdb_lookup(req)
  local response = ask(req, "no-auth", nil)
  local status = response:status()
  if status == 200 then
    return dovecot.auth.USERDB_RESULT_OK, fields_from(response, "")
  elseif status == 403 then
    return dovecot.auth.USERDB_RESULT_USER_UNKNOWN, ""
  end
  unexpected(req, "userdb", response)
  return dovecot.auth.USERDB_RESULT_INTERNAL_FAILURE, ""
end

function auth_userdb_iterate()
  local request = client:request { url = NAUTHILUS .. "?mode=list-accounts", method = "GET" }
  request:add_header("Authorization", authorization)
  request:add_header("Accept", "application/json")
  local response = request:submit()
  if response:status() ~= 200 then
    dovecot.i_error("nauthilus list-accounts: HTTP " .. response:status() .. " " .. response:reason())
    return {}
  end
  local ok, accounts = pcall(json.decode, response:payload())
  if not ok or type(accounts) ~= "table" then
    dovecot.i_error("nauthilus list-accounts: not a JSON list")
    return {}
  end
  -- Nauthilus's order comes from a Go map; sort so `doveadm user '*'` is stable
  table.sort(accounts)
  return accounts
end
