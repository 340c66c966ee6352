package org.dovelua.dict;

/**
 * One dict module ({@code struct dict} driver in dict.c's registry): {@code file}, {@code redis},
 * {@code proxy}. {@code args} is the URI's text after the first {@code :}.
 */
@FunctionalInterface
public interface DictDriver {
    Dict init(String args, DictContext ctx) throws DictInitException;
}
