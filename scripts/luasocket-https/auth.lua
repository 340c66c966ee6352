-- Passwords checked by a site's own HTTPS API, the LuaSocket way (LuaSec's ssl.https, ltn12 and
-- cjson: Debian's lua-sec, lua-socket and lua-cjson), as many deployments wrote it before
-- dovecot.http existed:
--   POST https://auth.example.com/api/v1/users/USER/verify   {"password": "..."}
--   200 {"valid": true}                  -> OK (nopassword: the API did the comparison)
--   200 {"valid": false}                 -> password mismatch
--   404                                  -> unknown user
--   anything else, or no answer          -> internal failure (a temporary error), reason logged
-- Works with Dovecot 2.3 (passdb { driver = lua }).

local https = require("ssl.https")
local ltn12 = require("ltn12")
local url = require("socket.url")
local cjson = require("cjson")

local API = "https://auth.example.com/api/v1/users/"
https.TIMEOUT = 5

function auth_passdb_lookup(req)
  local body = cjson.encode({password = req.password})
  local answer = {}
  local ok, code, headers, status = https.request {
    url = API .. url.escape(req.user) .. "/verify",
    method = "POST",
    headers = {
      ["Content-Type"] = "application/json",
      ["Content-Length"] = #body,
      ["Accept"] = "application/json",
    },
    source = ltn12.source.string(body),
    sink = ltn12.sink.table(answer),
  }
  if not ok then
    return dovecot.auth.PASSDB_RESULT_INTERNAL_FAILURE, "auth API unreachable: " .. tostring(code)
  end
  if code == 404 then
    return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN, ""
  end
  if code ~= 200 then
    return dovecot.auth.PASSDB_RESULT_INTERNAL_FAILURE, "auth API answered " .. tostring(status)
  end
  local decoded, result = pcall(cjson.decode, table.concat(answer))
  if not decoded or type(result) ~= "table" then
    return dovecot.auth.PASSDB_RESULT_INTERNAL_FAILURE,
      "auth API sent no JSON object (" .. (headers["content-type"] or "no content-type") .. ")"
  end
  if result.valid ~= true then
    return dovecot.auth.PASSDB_RESULT_PASSWORD_MISMATCH, ""
  end
  return dovecot.auth.PASSDB_RESULT_OK, {nopassword = "y"}
end
