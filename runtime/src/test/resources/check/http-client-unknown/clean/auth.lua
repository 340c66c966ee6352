local http = dovecot.http.client{ request_max_attempts = "3", request_timeout = "5s" }
