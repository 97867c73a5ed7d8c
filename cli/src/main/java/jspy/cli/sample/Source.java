package jspy.cli.sample;

import java.util.List;

/** Where a {@link SampleStream} gets its windows: one attached JVM, or a launched command's JVMs. */
interface Source {
    /** Tells the agents we are alive; called from the stream's heartbeat thread. */
    void heartbeat();

    /** Every agent known so far, picking up new ones (launch mode). */
    List<Recordings> agents();

    /** Why the source ended by itself (target or command gone, agent gave up), or null. */
    StopReason ended();

    /** Asks every agent to stop and waits, bounded, until each has closed its last window. */
    void finish(StopReason reason);
}
