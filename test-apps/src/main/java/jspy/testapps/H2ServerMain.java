package jspy.testapps;

import java.io.OutputStream;
import java.io.PrintStream;
import org.h2.tools.Server;

/**
 * Runs in the child JVM started by {@link H2ServerProcess}: an H2 TCP server on an ephemeral
 * port. Its one line of output is the port, read by the parent through a pipe. It exits when
 * its stdin reaches EOF, which happens when the parent dies in any way, even by SIGKILL, when no
 * shutdown hook runs: the server must never outlive the app under test.
 */
public final class H2ServerMain {

    private H2ServerMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream handshake = System.out;
        // Whatever H2 might print afterwards goes nowhere: nobody reads the pipe after the port.
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(nowhere);
        System.setErr(nowhere);

        // Port 0: the kernel picks a free port, so there is no race with other processes.
        Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
        handshake.println(server.getPort());
        handshake.flush();

        while (System.in.read() != -1) {
            // the parent never writes; we only wait for EOF
        }
        Runtime.getRuntime().halt(0);
    }

    /**
     * Server-side sleep for SQL ({@code CREATE ALIAS ... FOR 'jspy.testapps.H2ServerMain.sleep'}):
     * a slow query that costs no CPU. Our own method rather than {@code java.lang.Thread.sleep},
     * which has two one-argument overloads since JDK 19 (long and Duration) that H2 cannot pick between.
     */
    public static int sleep(int millis) throws InterruptedException {
        Thread.sleep(millis);
        return millis;
    }
}
