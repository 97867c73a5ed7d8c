package jspy.cli.profile;

import jspy.cli.profile.BucketRules.Rule;
import jspy.cli.profile.BucketRules.Scope;

/**
 * The calls around a sample's leaf that may say what its wait is for: the innermost JDBC driver,
 * pool borrow and network client call on the stack, and a generic client future, filled by
 * {@link BucketRules#classify} from the leaf towards the root; and whether the driver itself
 * started the thread.
 */
final class CallContext {
    boolean anyJava;
    boolean jdbc;
    Rule pool;
    Rule client;
    Rule wrapper;
    /** A pool thread's wait for work ({@code KnownCalls.WAITING_FOR_WORK}): idle, even on a lock. */
    int workDepth;
    /** Which of pool, client, jdbc was met first from the leaf; 0 when none. */
    int poolDepth;
    int clientDepth;
    int jdbcDepth;
    int seen;
    /** What the thread's outermost non-JDK frame (where its own code begins) names, or null. */
    Rule entry;

    void add(Rule r) {
        seen++;
        if (r.scope() == Scope.ANYWHERE && !jdbc) {
            jdbc = true;
            jdbcDepth = seen;
        } else if (r.scope() == Scope.WRAPPER && wrapper == null) {
            wrapper = r;
        } else if (r.bucket() == Bucket.IDLE) {
            workDepth = workDepth == 0 ? seen : workDepth;
        } else if (r.bucket() == Bucket.POOL && pool == null) {
            pool = r;
            poolDepth = seen;
        } else if (r.scope() == Scope.CALL && r.bucket() != Bucket.POOL && client == null) {
            client = r;
            clientDepth = seen;
        }
    }

    /** The bucket the calls around the leaf give, or null to keep the leaf's. */
    Bucket decide(Bucket leaf) {
        // A thread the driver started for itself (MySQL's abandoned-connection cleanup, pgjdbc's
        // cleaner, Oracle's timeout poller) runs driver code on nothing but the JDK's thread and
        // executor frames; a JDBC call is entered from the application, a pool or a framework.
        // No JDBC call: what the thread does decides. A driver known only by the agent's list
        // needs no such check: its threads' own classes implement no java.sql interface, so only
        // a call into its Connection or Statement classes makes them jdbc.
        boolean jdbc = this.jdbc && (entry == null || entry.scope() != Scope.ANYWHERE);
        boolean waits = leaf == Bucket.IDLE || leaf == Bucket.AWAIT;
        int best = jdbc ? jdbcDepth : Integer.MAX_VALUE;
        Bucket bucket = jdbc ? Bucket.JDBC : null;
        if (pool != null && (waits || leaf == Bucket.LOCK) && poolDepth < best) {
            best = poolDepth;
            bucket = Bucket.POOL;
        }
        if (client != null && (waits || leaf == Bucket.POLL) && clientDepth < best) {
            bucket = jdbc ? Bucket.JDBC : client.bucket(); // a driver's own network client is jdbc
        }
        if (bucket == null && wrapper != null && (waits || leaf == Bucket.POLL)) {
            bucket = wrapper.bucket();
        }
        if (workDepth > 0 && (waits || leaf == Bucket.LOCK) && workDepth < Math.min(best, Math.min(
                pool == null ? Integer.MAX_VALUE : poolDepth, client == null ? Integer.MAX_VALUE : clientDepth))) {
            bucket = Bucket.IDLE; // nothing inside it says more: the thread has no work
        }
        return bucket;
    }
}
