return { name = "server share" }
