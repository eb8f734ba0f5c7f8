package dev.agentflow.shared.events;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * A conditional write that belongs with an execution event (the node record that a {@code node_completed}
 * reports, the execution record that {@code execution:started} opens or {@code execution:completed} closes).
 * {@link EventPublisher#publishWith}, {@link EventPublisher#publishIfWritten} and
 * {@link EventPublisher#createAndPublish} store both in one {@code TransactWriteItems} where the publisher can
 * (DynamoDB API Reference: TransactWriteItems — all or nothing; a refused condition is reported per item as
 * {@code CancellationReasons[i].Code = ConditionalCheckFailed}), and one after the other otherwise.
 */
public interface LinkedWrite {

    /**
     * The write as transaction items: the first one's condition is the write's own (refused: the write is not
     * applied); a later item's refusal makes the publisher fall back to {@link #applyAlone()}.
     *
     * @param eventSeq the number the event gets in this transaction (a write may record it)
     * @return the items, empty when the write cannot join a DynamoDB transaction (then only {@link #applyAlone()}
     *     is used)
     */
    List<TransactWriteItem> items(long eventSeq);

    /**
     * Performs the write on its own.
     *
     * @return false when its condition refused it (nothing written)
     */
    boolean applyAlone();

    /** A write that never joins a transaction. */
    static LinkedWrite alone(BooleanSupplier write) {
        return of(seq -> List.of(), write);
    }

    /** A write that joins transactions as {@code items} (per event number), and alone is {@code alone}. */
    static LinkedWrite of(LongFunction<List<TransactWriteItem>> items, BooleanSupplier alone) {
        return new LinkedWrite() {
            @Override
            public List<TransactWriteItem> items(long eventSeq) {
                return items.apply(eventSeq);
            }

            @Override
            public boolean applyAlone() {
                return alone.getAsBoolean();
            }
        };
    }
}
