local http = dovecot.http.client{ timeout = 300, user_agent = "x" }
