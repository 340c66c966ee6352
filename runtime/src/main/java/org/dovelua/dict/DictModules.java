package org.dovelua.dict;

/**
 * The dict modules dovelua emulates, as dict-drivers-register.c registers Dovecot's; a new module
 * is one line here.
 */
public final class DictModules {
    private DictModules() {
    }

    public static Dicts standard() {
        return new Dicts()
                .driver("file", FileDict::init)
                .driver("redis", RedisDict.driver())
                .driver("proxy", ProxyDict::init);
    }
}
