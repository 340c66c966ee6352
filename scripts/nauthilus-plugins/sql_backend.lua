-- A Nauthilus 3.1 Lua backend: accounts live in an SQL table (the vadv "db" module), passwords
-- are checked with nauthilus_password. Cases: sql_backend.cases.yaml (dovelua test .).
local db = require("db")
local nauthilus_password = require("nauthilus_password")
local nauthilus_backend_result = require("nauthilus_backend_result")

local DSN = "nauthilus:secret@tcp(127.0.0.1:3306)/mail"
local QUERY = "SELECT account, password, uniqueid, display_name FROM users WHERE username = ? OR account = ? LIMIT 1"

function nauthilus_backend_verify_password(request)
    local result = nauthilus_backend_result.new()

    local conn, err = db.open("mysql", DSN)
    if err ~= nil then
        error("sql backend: " .. err)
    end
    local rows, qerr = conn:query(QUERY, request.username, request.username)
    conn:close()
    if qerr ~= nil then
        error("sql backend: " .. qerr)
    end

    if #rows.rows == 0 then
        nauthilus_builtin.custom_log_add("sql_backend", "no account for " .. request.username)
        result:user_found(false)
        result:authenticated(false)
        return nauthilus_builtin.BACKEND_RESULT_OK, result
    end

    local row = rows.rows[1]
    result:user_found(true)
    result:account_field("account")
    result:unique_user_id_field("uniqueid")
    result:display_name_field("display_name")
    result:attributes({ account = row[1], uniqueid = row[3], display_name = row[4] })

    if request.no_auth then
        -- a user lookup (no password to check): found is the whole answer
        return nauthilus_builtin.BACKEND_RESULT_OK, result
    end

    local match, perr = nauthilus_password.compare_passwords(row[2], request.password)
    if perr ~= nil then
        error("sql backend: " .. perr)
    end
    if not match then
        nauthilus_builtin.status_message_set("Invalid login or password")
    end
    result:authenticated(match)
    return nauthilus_builtin.BACKEND_RESULT_OK, result
end
