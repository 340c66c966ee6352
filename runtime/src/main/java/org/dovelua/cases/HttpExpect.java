package org.dovelua.cases;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One request a case expects a script to have sent; null parts are not checked.
 *
 * @param at where the expectation is written
 * @param method the method, exactly ({@code POST})
 * @param url the URL the script asked for (before stub routing), exactly
 * @param headers request headers that must be there with these values (names case-insensitive)
 * @param absentHeaders request headers that must not be there
 * @param json a subset of the request body parsed as JSON: every key given must be there with an
 *     equal value (objects compared as subsets again, lists item by item)
 * @param body the request body, exactly
 * @param status the status the script saw (a 9xxx for lib-http's own failures)
 */
public record HttpExpect(Location at, String method, String url, Map<String, String> headers,
        java.util.List<String> absentHeaders, JsonNode json,
        String body, Integer status) {
}
