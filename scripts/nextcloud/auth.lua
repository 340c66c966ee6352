-- Mail logins with Nextcloud app passwords (the docker-mailserver scenario): Dovecot asks
-- Nextcloud's WebDAV endpoint whether USER:PASSWORD is a valid login and trusts its answer.
--   207 Multi-Status  -> OK, with nopassword so Dovecot compares no password itself
--   401 Unauthorized  -> password mismatch
--   anything else     -> internal failure (a temporary error for the client), reason logged
-- Works with Dovecot 2.3 (passdb { driver = lua }).

local NEXTCLOUD_URL = "https://nextcloud.example.com/remote.php/dav/"
-- the mail domain Nextcloud's user names lack: alice@example.com logs in as "alice"
local MAIL_DOMAIN = "example.com"

local base64 = require("base64")

local client = dovecot.http.client {
  request_timeout_msecs = 5000,
  max_attempts = 1,
  user_agent = "dovecot-nextcloud-auth/1.0",
}

-- the Nextcloud login name for a mail address of our domain; nil for other domains
local function nextcloud_user(req)
  if req.domain == nil then
    return req.user
  end
  if req.domain:lower() ~= MAIL_DOMAIN then
    return nil
  end
  return req.username
end

function auth_passdb_lookup(req)
  local login = nextcloud_user(req)
  if login == nil then
    req:log_info("not a " .. MAIL_DOMAIN .. " address")
    return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN, ""
  end
  if req.password == nil or req.password == "" then
    return dovecot.auth.PASSDB_RESULT_PASSWORD_MISMATCH, ""
  end

  local request = client:request { url = NEXTCLOUD_URL, method = "PROPFIND" }
  request:add_header("Authorization", "Basic " .. base64.encode(login .. ":" .. req.password))
  request:add_header("Depth", "0")
  if req.remote_ip ~= nil then
    request:add_header("X-Forwarded-For", req.remote_ip)
  end
  local response = request:submit()
  local status = response:status()

  if status == 207 then
    req:log_debug("nextcloud accepted " .. login)
    return dovecot.auth.PASSDB_RESULT_OK, "nopassword=y"
  elseif status == 401 then
    return dovecot.auth.PASSDB_RESULT_PASSWORD_MISMATCH, ""
  end
  req:log_error("nextcloud: PROPFIND " .. NEXTCLOUD_URL .. " answered " .. status .. " " .. response:reason())
  return dovecot.auth.PASSDB_RESULT_INTERNAL_FAILURE, ""
end
