local http = dovecot.http.client{ request_timeout_msecs = 300, user_agent = "x", max_attempts = 2 }
