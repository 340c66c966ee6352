-- The bare Lua loop `dovelua bench` is compared with (README, "Performance"):
--   lua5.4 docs/perf/bare-loop.lua SCRIPT [plain|index|new]
-- calls SCRIPT's auth_passdb_lookup 10M times with `req` as
--   plain: one plain table {user = ...}
--   index: one table whose fields come from an __index function, as a request's do
--   new:   a new such table for every call, as Dovecot pushes a new request table per lookup (default)
local script, shape = arg[1], arg[2] or "new"
assert(script, "usage: lua5.4 bare-loop.lua SCRIPT [plain|index|new]")
dovecot = {auth = {PASSDB_RESULT_OK = 1, PASSDB_RESULT_USER_UNKNOWN = -4, USERDB_RESULT_OK = 1,
  USERDB_RESULT_USER_UNKNOWN = -2}}
dofile(script)
local fields = {user = "testuser1"}
local mt = {__index = function(t, k) return fields[k] end}
local n = 10000000
local t = os.clock()
if shape == "plain" then
  for i = 1, n do auth_passdb_lookup(fields) end
elseif shape == "index" then
  local req = setmetatable({}, mt)
  for i = 1, n do auth_passdb_lookup(req) end
elseif shape == "new" then
  for i = 1, n do auth_passdb_lookup(setmetatable({item = i}, mt)) end
else
  error("shape must be plain, index or new")
end
print(string.format("%s: %.1fM calls/s", shape, n / (os.clock() - t) / 1e6))
