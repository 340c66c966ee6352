-- A Dovecot 2.4-style Lua passdb/userdb:
--  * settings arrive in script_init(args) from the config's lua_settings { } block;
--  * lookups return tables instead of "key=value" strings;
--  * auth_passdb_get_cache_key()/auth_userdb_get_cache_key() say what the auth cache keys on.
-- accounts.tsv: name <TAB> password <TAB> status (active|disabled|expired|error) <TAB> quota
local accounts = {}
local quota = "1G"
local blocked = {}

function script_init(args)
  quota = args.quota or quota
  for p in string.gmatch(args.blocked_protocols or "", "[^%s,]+") do
    blocked[p] = true
  end
  for line in io.lines(args.accounts_file) do
    local name, password, status, own_quota = line:match("^([^\t]+)\t([^\t]+)\t([^\t]+)\t?([^\t]*)$")
    if name then
      accounts[name] = {password = password, status = status, quota = own_quota ~= "" and own_quota or nil}
    end
  end
end

function auth_passdb_get_cache_key()
  return "%{user | username}\t%{protocol}"
end

function auth_userdb_get_cache_key()
  return "%{user}"
end

local function account(req)
  local a = accounts[req.user]
  if a ~= nil and a.status == "error" then
    error("accounts backend is unavailable for " .. req.user)
  end
  return a
end

function auth_passdb_lookup(req)
  local a = account(req)
  if a == nil then
    return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN, "no such account"
  end
  if a.status == "disabled" then
    return dovecot.auth.PASSDB_RESULT_USER_DISABLED, "account disabled"
  end
  if a.status == "expired" then
    return dovecot.auth.PASSDB_RESULT_PASS_EXPIRED, "password expired"
  end
  if req.protocol ~= nil and blocked[req.protocol] then
    req:log_info(req.protocol .. " is not offered")
    return dovecot.auth.PASSDB_RESULT_USER_DISABLED, req.protocol .. " is not offered"
  end
  return dovecot.auth.PASSDB_RESULT_OK, {password = a.password, quota_rule = "*:storage=" .. (a.quota or quota)}
end

function auth_userdb_lookup(req)
  local a = account(req)
  if a == nil then
    return dovecot.auth.USERDB_RESULT_USER_UNKNOWN, "no such account"
  end
  return dovecot.auth.USERDB_RESULT_OK, {
    uid = "5000", gid = "5000", home = "/var/vmail/" .. req.user,
    quota_rule = "*:storage=" .. (a.quota or quota),
  }
end

function auth_userdb_iterate()
  local names = {}
  for name in pairs(accounts) do
    table.insert(names, name)
  end
  table.sort(names)
  return names
end
