return { name = "lib/helper" }
