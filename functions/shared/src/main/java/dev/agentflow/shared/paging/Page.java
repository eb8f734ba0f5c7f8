package dev.agentflow.shared.paging;

import java.util.List;

/**
 * One page of a newest-first listing.
 *
 * @param items      the items on this page, newest first
 * @param nextCursor opaque cursor for the next page, or null when this is the last page
 * @param <T>        item type
 */
public record Page<T>(List<T> items, String nextCursor) {

    public Page {
        items = List.copyOf(items);
    }
}
