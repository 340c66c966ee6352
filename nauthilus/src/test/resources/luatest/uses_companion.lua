-- package.path: <dir>/lib/?.lua finds lib/helper.lua; server/lua-plugins.d/share/?.lua (working directory) the probe.
local helper = require("helper")
local share = require("dovelua_share_probe")

function nauthilus_call_action(request)
    nauthilus_builtin.custom_log_add("companion", helper.name)
    nauthilus_builtin.custom_log_add("share", share.name)
end
