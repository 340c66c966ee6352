local http = dovecot.http.client{ max_attempts = 3 }
