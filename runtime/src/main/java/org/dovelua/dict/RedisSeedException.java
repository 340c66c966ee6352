package org.dovelua.dict;

/** An offline redis: dictionary's data file is unusable: {@code FILE:LINE: redis seed: problem}. */
public final class RedisSeedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RedisSeedException(String message) {
        super(message);
    }
}
