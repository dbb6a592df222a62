package dev.agenticchat.support.paging;

import dev.agenticchat.support.web.ApiProblem;
import dev.agenticchat.support.web.Problem;
import io.micronaut.http.HttpStatus;
import java.util.List;

/**
 * The one answer to a cursor this list did not hand out (not base64, damaged, of another list,
 * too long): the same 400 problem+json naming the {@code cursor} parameter in every service,
 * so a client handles it once. It tells nothing about what a cursor holds.
 */
public class InvalidCursor extends ApiProblem {
    public static final String TITLE = "Bad request";
    public static final String DETAIL = "cursor is not one this list handed out; pass next_cursor from the previous page";
    public static final String FIELD = "cursor";

    public InvalidCursor() {
        super(HttpStatus.BAD_REQUEST, TITLE, DETAIL, List.of(new Problem.FieldError(FIELD, DETAIL)));
    }
}
