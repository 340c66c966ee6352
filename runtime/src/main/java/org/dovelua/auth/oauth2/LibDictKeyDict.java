package org.dovelua.auth.oauth2;

import org.dovelua.dict.Dict;

/**
 * The {@code oauth2_local_validation} key dict as a lib-dict dictionary other than
 * {@link FsPosixKeyDict} ({@code dict file { dict_file_path }}, seen working on 2.4.1): oauth2-jwt.c
 * {@code dict_lookup()} of {@code shared/<azp>/<alg>/<kid>}; found is the value, not found null,
 * a failure its error.
 */
public final class LibDictKeyDict implements LocalJwtValidation.KeyDict {
    private final Dict dict;

    public LibDictKeyDict(Dict dict) {
        this.dict = dict;
    }

    @Override
    public String lookup(String key) throws LocalJwtValidation.KeyDictException {
        Dict.DictLookup l = dict.lookup(key, null);
        if (l.ret() < 0) {
            throw new LocalJwtValidation.KeyDictException(l.error());
        }
        return l.ret() > 0 ? l.value() : null;
    }
}
