local stored = "{PLAIN}secret"
function auth_password_verify(req, pass)
  return req:password_verify(stored, pass), ""
end
