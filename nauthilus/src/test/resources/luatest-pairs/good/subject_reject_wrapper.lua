function nauthilus_call_subject(request)
    return true, nauthilus_builtin.SUBJECT_RESULT_OK
end
