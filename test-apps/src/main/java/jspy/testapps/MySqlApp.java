package jspy.testapps;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;

/**
 * MySQL Connector/J 9 without a MySQL server. Loading the driver class starts its
 * {@code mysql-cj-abandoned-connection-cleanup} thread, which waits on a ReferenceQueue for the
 * life of the JVM: the driver's own housekeeping, idle (jspy called it jdbc until issue 23). Two
 * threads ({@code mysql-connect-N}) call DriverManager.getConnection against a local server
 * ({@code mysql-silent-server}, blocked in accept: idle) that accepts and never sends MySQL's
 * greeting, so the driver waits in its socket read under NonRegisteringDriver.connect: a JDBC
 * call, jdbc. Loopback only.
 */
public final class MySqlApp {
    private static final int CONNECTORS = 2;

    private MySqlApp() {
    }

    public static void main(String[] args) throws Exception {
        ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        List<Socket> accepted = new ArrayList<>(); // kept referenced: a collected socket would close
        Ready.awaitFrame(Ready.start("mysql-silent-server", () -> {
            while (true) {
                Socket peer = silent.accept();
                synchronized (accepted) {
                    accepted.add(peer);
                }
            }
        }), "Net.accept");
        Class.forName("com.mysql.cj.jdbc.Driver"); // its static initializer starts the cleanup thread
        Ready.awaitFrame(Ready.named("mysql-cj-abandoned-connection-cleanup"), "ReferenceQueue.remove");
        String url = "jdbc:mysql://127.0.0.1:" + silent.getLocalPort() + "/test";
        Ready.startAll("mysql-connect-", CONNECTORS, "NativeProtocol.readServerCapabilities", () -> {
            DriverManager.getConnection(url, "jspy", ""); // no timeouts: waits for the greeting forever
            throw new IllegalStateException("connected to a server that never speaks");
        });
        Ready.signalAndSleepForever();
    }
}
