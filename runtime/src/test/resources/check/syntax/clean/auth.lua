-- 5.4 syntax goes through the 5.4 front end first
local n <const> = 3 // 2
function auth_passdb_lookup(req)
  return dovecot.auth.PASSDB_RESULT_OK, {password = "x" .. n}
end
