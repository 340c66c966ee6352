function auth_password_verify(req, pass)
  return req:password_verify(nil, pass), ""
end
