-- A script that counts its calls, to watch the auth cache answer in its place.
-- Real Dovecot calls it once per cache key until the entry's TTL runs out; these
-- counts are the ones real 2.3.19 and 2.4.1 show (differential cases 320-323).
-- Upvalues rather than globals (dovelua check's global-write rule): they live as long as the
-- Lua state, one per passdb/userdb per process, as globals would.
local calls = 0
local ucalls = 0

-- Dovecot 2.4: the Lua db is cached only when the script names its cache key
-- (2.3 takes cache_key= in the passdb/userdb args instead, default %u).
function auth_passdb_get_cache_key()
  return "%{user}"
end

function auth_userdb_get_cache_key()
  return "%{user}"
end

function auth_passdb_lookup(req)
  calls = calls + 1
  if req.user == "ghost" then
    return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN, ""
  end
  return dovecot.auth.PASSDB_RESULT_OK, {password = "secret", calls = tostring(calls)}
end

function auth_userdb_lookup(req)
  ucalls = ucalls + 1
  return dovecot.auth.USERDB_RESULT_OK, {uid = "1000", gid = "1000", ucalls = tostring(ucalls)}
end
